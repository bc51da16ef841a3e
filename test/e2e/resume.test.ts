/**
 * What happens between runs: a run killed mid-send resumes where Firehose
 * last acknowledged, a stack deleted behind the runner's back is noticed and
 * redeployed, and a taken port is refused cleanly.
 */
import { execa } from 'execa';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startSandbox } from '../../src/sandbox/server.js';
import { BINARY, binaryEnv, runBinary } from '../helpers/binary.js';
import { tempHome } from '../helpers/fixture-workshop.js';

const progressFile = (home: string) => join(home, 'progress', '000000000000-us-east-1.json');

describe('between runs', () => {
  it('resumes a send killed with SIGKILL from the last acknowledged record, losing none', async () => {
    const home = tempHome();
    const child = execa(process.execPath, [BINARY, '--sandbox', '--yes', '--scale', '0.3'], {
      env: binaryEnv(home),
      reject: false,
      stdin: 'ignore',
    });
    // Wait until the send has saved a position part way through the day, then kill.
    const until = Date.now() + 90_000;
    for (;;) {
      if (Date.now() > until) throw new Error('the send never saved a position');
      if (existsSync(progressFile(home))) {
        const saved = JSON.parse(readFileSync(progressFile(home), 'utf8'));
        const checkpoint = saved.checkpoints?.['send-day'];
        if (checkpoint && checkpoint.watermark > 0 && !checkpoint.finished) break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await child;

    const resumed = await runBinary(['--sandbox', '--yes', '--scale', '0.3'], home);
    expect(resumed.stdout).toMatch(/Resuming .* at record \d+/);
    expect(resumed.stdout).toMatch(/0 missing/);
    expect(resumed.exitCode).toBe(0);
  });

  it('notices a stack deleted behind its back, redeploys it, and resends when asked', async () => {
    const home = tempHome();
    expect((await runBinary(['--sandbox', '--yes', '--scale', '0.005'], home)).exitCode).toBe(0);

    // The learner empties the bucket and deletes the stack in the console.
    const sandbox = await startSandbox({ home: join(home, 'sandbox'), port: 0, timeScale: 200 });
    const config = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: '000000000000', secretAccessKey: 'x' } };
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const cfn = new CloudFormationClient(config);
    try {
      const bucket = 'theme-park-data-000000000000-us-east-1';
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: (listed.Contents ?? []).map((o) => ({ Key: o.Key! })) } }));
      await cfn.send(new DeleteStackCommand({ StackName: 'theme-park-firehose' }));
      for (;;) {
        const gone = await cfn.send(new DescribeStacksCommand({ StackName: 'theme-park-firehose' })).then(
          (out) => out.Stacks?.[0]?.StackStatus === 'DELETE_COMPLETE',
          () => true,
        );
        if (gone) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      s3.destroy();
      cfn.destroy();
      await sandbox.close();
    }

    const again = await runBinary(['--sandbox', '--yes', '--scale', '0.005'], home);
    expect(again.stdout).toMatch(/✗ Stack deployed: no stack theme-park-firehose/);
    expect(again.stdout).toMatch(/Created stack theme-park-firehose/);
    expect(again.stdout).toMatch(/--step send-day/);
    expect(again.exitCode).toBe(1);

    const resent = await runBinary(['--sandbox', '--yes', '--scale', '0.005', '--step', 'send-day'], home);
    expect(resent.stdout).toMatch(/sending .* again from the start/);
    expect(resent.stdout).toMatch(/0 missing/);
    expect(resent.exitCode).toBe(0);
  });

  it('refuses a sandbox port that is taken, in one line, exit 2', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await runBinary(['sandbox', '--port', String(port)], tempHome());
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`port ${port} is already in use`));
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
