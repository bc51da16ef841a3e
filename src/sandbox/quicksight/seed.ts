/**
 * What an account that "used QuickSight before" already has, for
 * spice-full: an old data set that fills the region's SPICE capacity, the
 * situation learners reported as "Not enough SPICE capacity". Deleting it
 * frees the capacity, as on AWS.
 */
import type { SandboxContext } from '../service-kit.js';
import type { QuickSightSetting } from './settings.js';
import { arns, epochSeconds, regionState, type AccountState } from './state.js';

export const OLD_DATA_SET_ID = 'old-sales-data';

export function seedRegion(ctx: SandboxContext, state: AccountState, setting: QuickSightSetting): void {
  const region = regionState(state, ctx.region);
  if (region.seeded) return;
  region.seeded = true;
  if (!setting.spiceFull) {
    ctx.store.markDirty();
    return;
  }
  const then = epochSeconds(ctx.sandbox) - 400 * 86_400;
  const sourceId = 'old-sales';
  region.dataSources[sourceId] = {
    id: sourceId,
    name: 'Sales reports',
    type: 'S3',
    parameters: {
      S3Parameters: {
        ManifestFileLocation: { Bucket: `sales-reports-${ctx.account}`, Key: 'manifest.json' },
      },
    },
    permissions: [],
    status: 'CREATION_SUCCESSFUL',
    createdTime: then,
    lastUpdatedTime: then,
  };
  region.dataSets[OLD_DATA_SET_ID] = {
    id: OLD_DATA_SET_ID,
    name: 'Sales 2025 (old)',
    importMode: 'SPICE',
    physicalTableMap: {
      sales: {
        S3Source: {
          DataSourceArn: arns.dataSource(ctx.region, ctx.account, sourceId),
          UploadSettings: { Format: 'CSV', ContainsHeader: true },
          InputColumns: [
            { Name: 'day', Type: 'STRING' },
            { Name: 'amount', Type: 'DECIMAL' },
          ],
        },
      },
    },
    logicalTableMap: { sales: { Alias: 'Sales 2025 (old)', Source: { PhysicalTableId: 'sales' } } },
    permissions: [],
    outputColumns: [
      { Name: 'day', Type: 'STRING' },
      { Name: 'amount', Type: 'DECIMAL' },
    ],
    consumedSpiceBytes: setting.spiceCapacityBytes,
    rowCount: Math.floor(setting.spiceCapacityBytes / 48),
    createdTime: then,
    lastUpdatedTime: then,
  };
  ctx.store.markDirty();
}
