/**
 * Opens a finished run's sandbox in-process, while no runner is using it,
 * so a test can change things behind the runner's back as a learner in the
 * console would.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { startSandbox } from '../../src/sandbox/server.js';

export interface ConsoleClients {
  s3: S3Client;
  firehose: FirehoseClient;
  cloudFormation: CloudFormationClient;
  quickSight: QuickSightClient;
}

export async function behindTheRunnersBack(home: string, change: (clients: ConsoleClients) => Promise<void>, account = '000000000000'): Promise<void> {
  const sandbox = await startSandbox({ home: join(home, 'sandbox'), port: 0, timeScale: 200 });
  const config = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' } };
  const clients: ConsoleClients = {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    firehose: new FirehoseClient(config),
    cloudFormation: new CloudFormationClient(config),
    quickSight: new QuickSightClient(config),
  };
  try {
    await change(clients);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    await sandbox.close();
  }
}
