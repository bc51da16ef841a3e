/** Stacks, events and resources in the awsQuery XML shapes the SDK reads. */
import type { XmlObject } from '../xml.js';
import type { ResourceRecord, StackEventRecord, StackRecord } from './model.js';

const members = <T>(items: T[], render: (item: T) => XmlObject | string) => ({ member: items.map(render) });

export function renderStack(stack: StackRecord): XmlObject {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: stack.description,
    Parameters: members(Object.entries(stack.parameters), ([key, value]) => ({
      ParameterKey: key,
      ParameterValue: stack.noEcho.includes(key) ? '****' : value,
    })),
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.onFailure === 'DO_NOTHING',
    NotificationARNs: members([], String),
    Capabilities: members(stack.capabilities, String),
    Outputs: members(stack.outputs, (output) => ({
      OutputKey: output.OutputKey,
      OutputValue: output.OutputValue,
      Description: output.Description,
      ExportName: output.ExportName,
    })),
    Tags: members(stack.tags, (tag) => ({ Key: tag.Key, Value: tag.Value })),
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function renderStackSummary(stack: StackRecord): XmlObject {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    TemplateDescription: stack.description,
    CreationTime: stack.creationTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    DeletionTime: stack.deletionTime,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function renderEvent(stack: StackRecord, event: StackEventRecord): XmlObject {
  return {
    StackId: stack.stackId,
    EventId: event.eventId,
    StackName: stack.stackName,
    LogicalResourceId: event.logicalId,
    PhysicalResourceId: event.physicalId ?? '',
    ResourceType: event.resourceType,
    Timestamp: event.timestamp,
    ResourceStatus: event.status,
    ResourceStatusReason: event.reason,
  };
}

export function renderResource(stack: StackRecord, resource: ResourceRecord): XmlObject {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function renderResourceSummary(resource: ResourceRecord): XmlObject {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}
