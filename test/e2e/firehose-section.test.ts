/**
 * Section 1's bad input through the binary: a bucket of the module's name
 * that already exists in the account, outside the stack, is reported before
 * anything is created, with the fix.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { runBinary } from '../helpers/binary.js';
import { behindTheRunnersBack } from '../helpers/damage.js';
import { tempHome } from '../helpers/fixture-workshop.js';

describe('deploying the delivery stream', () => {
  it('stops before creating anything when the bucket name is already used in the account', async () => {
    const home = tempHome();
    await behindTheRunnersBack(home, async ({ s3 }) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'theme-park-data-000000000000-us-east-1' }));
    });

    const result = await runBinary(['--sandbox', '--yes', '--scale', '0.005'], home);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/A bucket named theme-park-data-000000000000-us-east-1 already exists in this account, outside the stack/);
    expect(result.stdout).toMatch(/aws s3 rb s3:\/\/theme-park-data-000000000000-us-east-1 --force/);
    expect(result.stdout).not.toMatch(/CREATE_IN_PROGRESS/);
  });
});
