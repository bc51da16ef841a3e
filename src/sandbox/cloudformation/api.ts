/**
 * The CloudFormation operations over awsQuery. Each checks its input and the
 * template synchronously (errors come back from the call, as from AWS), then
 * hands the slow part to a background operation (operations.ts) and returns.
 */
import { randomUUID } from 'node:crypto';
import {
  queryList,
  queryResult,
  requiredParam,
  SandboxError,
  type OperationHandler,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
} from '../service-kit.js';
import { isInProgress, isLive, type OnFailure, type StackRecord } from './model.js';
import { launch } from './operations.js';
import { attributesOf } from './resources/index.js';
import {
  renderEvent,
  renderResource,
  renderResourceSummary,
  renderStack,
  renderStackSummary,
} from './render.js';
import { canonical, pseudoOf } from './run-env.js';
import { runCreate, runDelete, runUpdate } from './stack-runs.js';
import { accountStacks, findStack, stacksIn } from './stacks.js';
import {
  CloudFormationError,
  loadTemplate,
  planStack,
  requiredCapabilities,
  validationError,
  type GivenParameter,
  type Template,
} from './template/index.js';

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const PAGE_SIZE = 100;
const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);

const render = (action: string, result?: Parameters<typeof queryResult>[1]) =>
  queryResult(action, result, 'cloudformation');

function createStack(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const stackName = requiredParam(req, 'StackName');
  if (!STACK_NAME.test(stackName)) {
    throw validationError(
      `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*',
    );
  }
  const stacks = accountStacks(ctx.sandbox, ctx.account);
  if (findStack(stacks, ctx.region, stackName)) {
    throw new CloudFormationError('AlreadyExistsException', `Stack [${stackName}] already exists`);
  }
  const templateBody = templateBodyOf(req);
  const template = loadTemplate(templateBody);
  const capabilities = queryList(req.params, 'Capabilities');
  const stackId = `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/${stackName}/${randomUUID()}`;
  const now = ctx.now().toISOString();
  const stack: StackRecord = {
    stackId,
    stackName,
    region: ctx.region,
    status: 'CREATE_IN_PROGRESS',
    creationTime: now,
    templateBody,
    parameters: {},
    noEcho: noEchoOf(template),
    capabilities,
    tags: tagsOf(req),
    onFailure: onFailureOf(req),
    resources: {},
    outputs: [],
    events: [],
    ...(template.description !== undefined ? { description: template.description } : {}),
  };
  stack.parameters = planStack({
    template,
    parameters: parametersOf(req),
    capabilities,
    pseudo: pseudoOf(stack, ctx.account),
    knownAttributes: attributesOf,
  }).parameters;

  stacks.state.stacks.push(stack);
  launch(ctx.sandbox, ctx.account, stack, runCreate, (env) =>
    env.recorder.stackStatus('CREATE_IN_PROGRESS', 'User Initiated'),
  );
  return render('CreateStack', { StackId: stackId });
}

function updateStack(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const stackName = requiredParam(req, 'StackName');
  const stacks = accountStacks(ctx.sandbox, ctx.account);
  const stack = findStack(stacks, ctx.region, stackName);
  if (!stack || !isLive(stack)) throw validationError(`Stack [${stackName}] does not exist`);
  if (!UPDATABLE.has(stack.status)) {
    throw validationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }

  const templateBody = req.params.UsePreviousTemplate === 'true' ? stack.templateBody : templateBodyOf(req);
  const template = loadTemplate(templateBody);
  const capabilities = queryList(req.params, 'Capabilities');
  const plan = planStack({
    template,
    parameters: parametersOf(req),
    previousParameters: stack.parameters,
    capabilities,
    pseudo: pseudoOf(stack, ctx.account),
    knownAttributes: attributesOf,
  });
  if (templateBody === stack.templateBody && canonical(plan.parameters) === canonical(stack.parameters)) {
    throw validationError('No updates are to be performed.');
  }

  stack.update = {
    previous: structuredClone({
      templateBody: stack.templateBody,
      parameters: stack.parameters,
      capabilities: stack.capabilities,
      description: stack.description,
      resources: stack.resources,
      outputs: stack.outputs,
    }),
    changes: [],
    cleanup: [],
  };
  stack.templateBody = templateBody;
  stack.parameters = plan.parameters;
  stack.capabilities = capabilities;
  stack.noEcho = noEchoOf(template);
  stack.lastUpdatedTime = ctx.now().toISOString();
  if (template.description === undefined) delete stack.description;
  else stack.description = template.description;
  // Set now, not when the queued operation starts, so a DescribeStacks right after sees the update.
  stack.status = 'UPDATE_IN_PROGRESS';
  launch(ctx.sandbox, ctx.account, stack, runUpdate, (env) =>
    env.recorder.stackStatus('UPDATE_IN_PROGRESS', 'User Initiated'),
  );
  return render('UpdateStack', { StackId: stack.stackId });
}

function deleteStack(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const stackName = requiredParam(req, 'StackName');
  const stacks = accountStacks(ctx.sandbox, ctx.account);
  const stack = findStack(stacks, ctx.region, stackName);
  // Deleting a stack that does not exist (any more) succeeds, as on AWS.
  if (!stack || !isLive(stack) || stack.status === 'DELETE_IN_PROGRESS') return render('DeleteStack');

  const retain = queryList(req.params, 'RetainResources');
  if (retain.length) {
    if (stack.status !== 'DELETE_FAILED') {
      throw validationError(
        `Invalid operation on stack [${stack.stackId}]. RetainResources can only be specified when the stack is in the DELETE_FAILED state.`,
      );
    }
    stack.retain = retain;
  }
  launch(ctx.sandbox, ctx.account, stack, runDelete, (env) => {
    // A DeleteStack queued behind another one finds the work done or under way.
    const { status } = env.recorder.stack;
    if (status === 'DELETE_COMPLETE' || status === 'DELETE_IN_PROGRESS') return false;
    env.recorder.stackStatus('DELETE_IN_PROGRESS', 'User Initiated');
  });
  return render('DeleteStack');
}

function describeStacks(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const stacks = accountStacks(ctx.sandbox, ctx.account);
  const name = req.params.StackName;
  let found: StackRecord[];
  if (name) {
    const stack = findStack(stacks, ctx.region, name);
    if (!stack) throw validationError(`Stack with id ${name} does not exist`);
    found = [stack];
  } else {
    found = stacksIn(stacks, ctx.region).filter(isLive).reverse();
  }
  return render('DescribeStacks', { Stacks: { member: found.map(renderStack) } });
}

function describeStackEvents(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const name = requiredParam(req, 'StackName');
  const stack = findStack(accountStacks(ctx.sandbox, ctx.account), ctx.region, name);
  if (!stack) throw validationError(`Stack [${name}] does not exist`);
  const newestFirst = [...stack.events].reverse();
  const { page, nextToken } = paginate(newestFirst, req.params.NextToken);
  return render('DescribeStackEvents', {
    StackEvents: { member: page.map((event) => renderEvent(stack, event)) },
    NextToken: nextToken,
  });
}

function describeStackResources(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const stacks = accountStacks(ctx.sandbox, ctx.account);
  const name = req.params.StackName;
  const physicalId = req.params.PhysicalResourceId;
  let stack: StackRecord | undefined;
  if (name) {
    stack = findStack(stacks, ctx.region, name);
    if (!stack) throw validationError(`Stack with id ${name} does not exist`);
  } else if (physicalId) {
    stack = stacksIn(stacks, ctx.region).find(
      (s) => isLive(s) && Object.values(s.resources).some((r) => r.physicalId === physicalId),
    );
    if (!stack) throw validationError(`Stack for ${physicalId} does not exist`);
  } else {
    throw validationError('Either StackName or PhysicalResourceId must be specified.');
  }
  const logicalId = req.params.LogicalResourceId;
  const resources = Object.values(stack.resources).filter(
    (r) => logicalId === undefined || r.logicalId === logicalId,
  );
  return render('DescribeStackResources', {
    StackResources: { member: resources.map((resource) => renderResource(stack, resource)) },
  });
}

function describeStackResource(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const name = requiredParam(req, 'StackName');
  const logicalId = requiredParam(req, 'LogicalResourceId');
  const stack = findStack(accountStacks(ctx.sandbox, ctx.account), ctx.region, name);
  if (!stack) throw validationError(`Stack '${name}' does not exist`);
  const resource = stack.resources[logicalId];
  if (!resource) throw validationError(`Resource ${logicalId} does not exist for stack ${name}`);
  return render('DescribeStackResource', {
    StackResourceDetail: {
      ...renderResource(stack, resource),
      LastUpdatedTimestamp: resource.timestamp,
      Timestamp: undefined,
    },
  });
}

function listStackResources(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const name = requiredParam(req, 'StackName');
  const stack = findStack(accountStacks(ctx.sandbox, ctx.account), ctx.region, name);
  if (!stack) throw validationError(`Stack with id ${name} does not exist`);
  const { page, nextToken } = paginate(Object.values(stack.resources), req.params.NextToken);
  return render('ListStackResources', {
    StackResourceSummaries: { member: page.map(renderResourceSummary) },
    NextToken: nextToken,
  });
}

function listStacks(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const filter = new Set(queryList(req.params, 'StackStatusFilter'));
  const found = stacksIn(accountStacks(ctx.sandbox, ctx.account), ctx.region)
    .filter((stack) => filter.size === 0 || filter.has(stack.status))
    .reverse();
  const { page, nextToken } = paginate(found, req.params.NextToken);
  return render('ListStacks', {
    StackSummaries: { member: page.map(renderStackSummary) },
    NextToken: nextToken,
  });
}

function getTemplate(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const name = requiredParam(req, 'StackName');
  const stack = findStack(accountStacks(ctx.sandbox, ctx.account), ctx.region, name);
  if (!stack) throw validationError(`Stack with id ${name} does not exist`);
  return render('GetTemplate', {
    TemplateBody: stack.templateBody,
    StagesAvailable: { member: ['Original', 'Processed'] },
  });
}

function listExports(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const exports = stacksIn(accountStacks(ctx.sandbox, ctx.account), ctx.region)
    .filter((stack) => isLive(stack) && !isInProgress(stack.status))
    .flatMap((stack) =>
      stack.outputs
        .filter((output) => output.ExportName !== undefined)
        .map((output) => ({
          ExportingStackId: stack.stackId,
          Name: output.ExportName,
          Value: output.OutputValue,
        })),
    );
  const { page, nextToken } = paginate(exports, req.params.NextToken);
  return render('ListExports', { Exports: { member: page }, NextToken: nextToken });
}

function validateTemplate(req: SandboxRequest): SandboxResponse {
  const template = loadTemplate(templateBodyOf(req));
  const need = requiredCapabilities(template);
  return render('ValidateTemplate', {
    Parameters: {
      member: Object.entries(template.parameters).map(([key, parameter]) => ({
        ParameterKey: key,
        DefaultValue: parameter.Default,
        NoEcho: parameter.NoEcho ?? false,
        Description: parameter.Description,
      })),
    },
    Description: template.description,
    Capabilities: { member: need.capabilities },
    CapabilitiesReason: need.reason,
    DeclaredTransforms: { member: [] },
  });
}

function templateBodyOf(req: SandboxRequest): string {
  const body = req.params.TemplateBody;
  if (body !== undefined && body !== '') return body;
  if (req.params.TemplateURL) {
    // TODO: read TemplateURL from the sandbox's S3 once a workshop step uploads templates there.
    throw validationError(
      'TemplateURL is not supported by the themepark sandbox; pass the template as TemplateBody',
    );
  }
  throw validationError('Either Template URL or Template Body must be specified.');
}

function parametersOf(req: SandboxRequest): GivenParameter[] {
  return queryList(req.params, 'Parameters', ['ParameterKey', 'ParameterValue', 'UsePreviousValue'] as const)
    .filter((p) => p.ParameterKey !== undefined)
    .map((p) => ({
      ParameterKey: p.ParameterKey!,
      ...(p.ParameterValue !== undefined ? { ParameterValue: p.ParameterValue } : {}),
      ...(p.UsePreviousValue === 'true' ? { UsePreviousValue: true } : {}),
    }));
}

function tagsOf(req: SandboxRequest): Array<{ Key: string; Value: string }> {
  return queryList(req.params, 'Tags', ['Key', 'Value'] as const).map((tag) => ({
    Key: tag.Key ?? '',
    Value: tag.Value ?? '',
  }));
}

function onFailureOf(req: SandboxRequest): OnFailure {
  const onFailure = req.params.OnFailure;
  if (onFailure === 'DELETE' || onFailure === 'DO_NOTHING' || onFailure === 'ROLLBACK') return onFailure;
  return req.params.DisableRollback === 'true' ? 'DO_NOTHING' : 'ROLLBACK';
}

function noEchoOf(template: Template): string[] {
  return Object.entries(template.parameters)
    .filter(([, parameter]) => parameter.NoEcho)
    .map(([key]) => key);
}

function paginate<T>(items: T[], token: string | undefined): { page: T[]; nextToken?: string } {
  const start = token ? Number(token) || 0 : 0;
  const page = items.slice(start, start + PAGE_SIZE);
  return start + PAGE_SIZE < items.length ? { page, nextToken: String(start + PAGE_SIZE) } : { page };
}

/** The template engine's errors become the API's: HTTP 400 with CloudFormation's code. */
function withApiErrors(handler: OperationHandler): OperationHandler {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      if (error instanceof CloudFormationError) throw new SandboxError(400, error.code, error.message);
      throw error;
    }
  };
}

export const CLOUDFORMATION_OPERATIONS: Record<string, OperationHandler> = Object.fromEntries(
  Object.entries({
    CreateStack: createStack,
    UpdateStack: updateStack,
    DeleteStack: deleteStack,
    DescribeStacks: describeStacks,
    DescribeStackEvents: describeStackEvents,
    DescribeStackResources: describeStackResources,
    DescribeStackResource: describeStackResource,
    ListStackResources: listStackResources,
    ListStacks: listStacks,
    ListExports: listExports,
    GetTemplate: getTemplate,
    ValidateTemplate: validateTemplate,
  } satisfies Record<string, OperationHandler>).map(([name, handler]) => [name, withApiErrors(handler)]),
);
