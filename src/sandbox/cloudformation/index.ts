/**
 * AWS CloudFormation in the sandbox, over awsQuery (Version 2010-05-15).
 *
 * Operations: CreateStack, UpdateStack, DeleteStack, DescribeStacks,
 * DescribeStackEvents, DescribeStackResources, DescribeStackResource,
 * ListStackResources, ListStacks, ListExports, GetTemplate, ValidateTemplate.
 * Resource types: see resources/index.ts; any other type fails its resource
 * and the stack rolls back. Stacks persist in each account's state document
 * (model.ts); operations cut short by a stop are recovered at start
 * (operations.ts).
 */
import { operationTable, type SandboxService } from '../service-kit.js';
import { CLOUDFORMATION_OPERATIONS } from './api.js';
import { recoverStacks, stopOperations } from './operations.js';

export const cloudFormationService: SandboxService = {
  name: 'cloudformation',
  protocol: 'query',
  queryVersion: '2010-05-15',
  handle: operationTable('cloudformation', 'query', CLOUDFORMATION_OPERATIONS),
  start: (sandbox) => recoverStacks(sandbox),
  stop: (sandbox) => stopOperations(sandbox),
};
