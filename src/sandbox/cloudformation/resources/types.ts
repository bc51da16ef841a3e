/**
 * How CloudFormation makes, changes and removes one resource type. The
 * provisioners call the other sandbox services in-process, through their
 * internal APIs, so a stack's bucket is the same bucket S3 answers for.
 */
import type { SandboxRuntime } from '../../types.js';
import type { TemplateObject, TemplateValue } from '../template/index.js';

export interface ProvisionContext {
  sandbox: SandboxRuntime;
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  logicalId: string;
  /** Waits `seconds` of simulated time (divided by the time scale); rejects when the sandbox stops. */
  wait(seconds: number): Promise<void>;
  /**
   * Tells CloudFormation the service has accepted the request ("Resource
   * creation Initiated") before the provisioner waits for it to be ready.
   */
  initiated(physicalId: string): void;
}

export interface ProvisionedResource {
  physicalId: string;
  /** What Fn::GetAtt may read, by attribute name. */
  attributes: Record<string, TemplateValue>;
}

export interface ResourceProvisioner {
  /**
   * Simulated seconds the real service typically takes, waited before the
   * work is done, so a learner sees each resource in progress for a moment.
   */
  seconds: { create: number; update: number; delete: number };
  /** What Fn::GetAtt may read (checked when the template is submitted). */
  attributes: readonly string[];
  create(properties: TemplateObject, context: ProvisionContext): Promise<ProvisionedResource>;
  /**
   * Changes the resource in place. Absent: every change replaces the resource
   * (a new one is created, the old one deleted once the update succeeds).
   */
  update?(
    physicalId: string,
    properties: TemplateObject,
    previous: TemplateObject,
    context: ProvisionContext,
  ): Promise<ProvisionedResource>;
  /** Properties whose change needs a new physical resource even when `update` exists. */
  replaceOn?: readonly string[];
  /**
   * The property that holds a custom name: replacing a resource whose name
   * stays the same cannot work (the new one would collide with the old one).
   */
  nameProperty?: string;
  /** Removes the resource; a resource that is already gone counts as deleted. */
  delete(physicalId: string, properties: TemplateObject, context: ProvisionContext): Promise<void>;
}

/** A failure worded for the resource's ResourceStatusReason. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
}
