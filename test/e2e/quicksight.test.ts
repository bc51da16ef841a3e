/**
 * Section 3 end to end through the built binary on the sandbox: the whole
 * workshop unattended, then `verify` judging the QuickSight resources from
 * the sandbox's saved state; and a run where QuickSight may not read the
 * bucket, which must stop with the explanation and leave the IAM change to
 * the learner.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBinary } from '../helpers/binary.js';
import { tempHome } from '../helpers/fixture-workshop.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

describe('section 3 on the sandbox, through the binary', () => {
  it('runs to the end, importing every record that landed, and verify agrees', async () => {
    const home = tempHome();
    const result = await runBinary(['--sandbox', '--yes', '--scale', '0.005'], home);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/QuickSight account sandbox-000000000000, ENTERPRISE edition/);
    expect(result.stdout).toMatch(
      /Data source theme-park-data reads s3:\/\/theme-park-data-000000000000-us-east-1\/quicksight\//,
    );
    expect(result.stdout).toMatch(/Imported [\d,]+ rows into SPICE/);
    expect(result.stdout).toMatch(/Created the analysis theme-park-analysis with 5 visuals/);

    const progress = JSON.parse(readFileSync(join(home, 'progress', `${ACCOUNT}-${REGION}.json`), 'utf8'));
    const landed = progress.steps['watch-landing'].outputs;
    const dataSet = progress.steps['quicksight-data-set'].outputs;
    expect(dataSet.rowsIngested).toBe(landed.landedRecords + landed.duplicateRecords + landed.otherLines);
    expect(dataSet.rowsDropped).toBe(0);

    const verify = await runBinary(['verify', '--sandbox', '--json'], home);
    const report = JSON.parse(verify.stdout) as {
      ok: boolean;
      checks: Array<{ id: string; ok: boolean; detail: string }>;
    };
    const quickSight = report.checks.filter((c) => c.id.startsWith('quickSight'));
    expect(quickSight.map((c) => c.id).sort()).toEqual([
      'quickSightAnalysisReady',
      'quickSightDataSetPrepared',
      'quickSightDataSourceReady',
      'quickSightIngestionComplete',
      'quickSightSubscribed',
    ]);
    expect(quickSight.filter((c) => !c.ok)).toEqual([]);
  });

  it('stops with the explanation when QuickSight may not read the bucket, changing no IAM policy unasked', async () => {
    const home = tempHome();
    const result = await runBinary(['--sandbox', '--yes', '--scale', '0.005'], home, {
      extraEnv: { THEMEPARK_SANDBOX_QUICKSIGHT: 'no-s3-access' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/Insufficient permission to access the manifest file/);
    expect(result.stdout).toMatch(/add a policy for this bucket only/);
    expect(result.stdout).not.toMatch(/may now read s3:\/\//);
    expect(result.stdout).toMatch(/Stopped at "Check your QuickSight account"/);
  });
});
