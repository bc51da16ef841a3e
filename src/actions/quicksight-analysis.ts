/**
 * Section 3: the analysis theme-park-analysis with the module's five visuals
 * (assets/quicksight-analysis.json), each filtered on `event` as the module
 * does. An analysis that already holds exactly that definition is kept; one
 * that failed is replaced; one the learner changed is replaced only if they
 * say so.
 */
import type { ActionContext, ActionDefinition } from '../engine/types.js';
import { analysisDefinition } from '../aws/quicksight-assets.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import {
  consoleUrl,
  editionProblem,
  explainCallerDenied,
  isEditionUnsupported,
  QuickSightProblem,
} from '../aws/quicksight-errors.js';
import {
  analysisDefinitionOf,
  createAnalysis,
  deleteAnalysisNow,
  describeAnalysis,
  definitionSignature,
  describeDataSet,
  visualKinds,
  type AnalysisState,
} from '../aws/quicksight-resources.js';
import { pollInterval, quickSightFacts } from './quicksight-account.js';

export const buildQuickSightAnalysis: ActionDefinition = {
  title: 'Build the analysis with the five visuals',
  commands: (session) => [
    `aws quicksight create-analysis --aws-account-id ${session.account} --analysis-id ${session.names.analysis} --name ${session.names.analysis} ` +
      `--definition file://assets/quicksight-analysis.json   # with \${DataSetArn} filled in, plus --permissions for your user`,
    `aws quicksight describe-analysis --aws-account-id ${session.account} --analysis-id ${session.names.analysis}`,
    `aws quicksight describe-analysis-definition --aws-account-id ${session.account} --analysis-id ${session.names.analysis}`,
  ],
  async run(ctx) {
    const { session, emit } = ctx;
    const id = session.names.analysis;
    try {
      const facts = await quickSightFacts(ctx);
      if (facts.subscription.edition === 'STANDARD')
        throw editionProblem('STANDARD', 'define analyses', session.region);
      const dataSet = await describeDataSet(session.clients, session.account, session.names.dataSet);
      if (!dataSet) {
        throw new QuickSightProblem('analysis', `There is no data set ${session.names.dataSet} yet.`, [
          'Run the "Prepare the data set" step first.',
        ]);
      }
      const wanted = analysisDefinition(dataSet.arn);

      let analysis = await describeAnalysis(session.clients, session.account, id);
      if (analysis && !(await keep(ctx, analysis, wanted))) {
        await deleteAnalysisNow(session.clients, session.account, id);
        analysis = undefined;
      }
      if (!analysis) {
        await createAnalysis(session.clients, session.account, {
          id,
          name: id,
          definition: wanted,
          ownerArn: facts.owner.arn,
        });
        analysis = await settle(ctx);
        if (analysis.status !== 'CREATION_SUCCESSFUL') throw failed(analysis);
        emit(
          CODES.ANALYSIS,
          'success',
          `Created the analysis ${id} with ${visualKinds(wanted).length} visuals on one sheet`,
        );
      }
      const kinds = visualKinds(await analysisDefinitionOf(session.clients, session.account, id));
      emit(CODES.CONSOLE_LINK, 'info', `Open it: ${consoleUrl(session.region, `analyses/${id}`)}`);
      return { analysisId: id, analysisArn: analysis.arn, visuals: kinds };
    } catch (error) {
      if (isEditionUnsupported(error))
        throw editionProblem(
          String(ctx.outputs.quickSightEdition ?? 'current'),
          'define analyses',
          session.region,
        );
      throw explainCallerDenied(error, session.identityArn);
    }
  },
};

/** Whether the existing analysis stays: yes when it is the module's; a changed one only goes if the learner agrees. */
async function keep(
  ctx: ActionContext,
  analysis: AnalysisState,
  wanted: ReturnType<typeof analysisDefinition>,
): Promise<boolean> {
  const { session, emit } = ctx;
  if (analysis.status === 'DELETED') return false;
  if (analysis.status === 'CREATION_FAILED' || analysis.status === 'UPDATE_FAILED') {
    emit(CODES.REPLACED, 'warn', `The analysis ${analysis.id} is ${analysis.status}; creating it again`);
    return false;
  }
  const current = await analysisDefinitionOf(session.clients, session.account, analysis.id);
  if (definitionSignature(current) === definitionSignature(wanted)) {
    emit(CODES.ANALYSIS, 'success', `The analysis ${analysis.id} already holds the module's five visuals`);
    return true;
  }
  const replace = await ctx.confirm({
    code: CODES.REPLACED,
    message: `The analysis ${analysis.id} differs from the module's five visuals (perhaps you changed it in the console). Replace it with the module's?`,
    ifUnattended: false,
  });
  if (!replace) emit(CODES.ANALYSIS, 'info', `Kept your version of ${analysis.id}`);
  return !replace;
}

async function settle(ctx: ActionContext): Promise<AnalysisState> {
  const { session } = ctx;
  for (let attempt = 0; attempt < 120; attempt++) {
    const analysis = await describeAnalysis(session.clients, session.account, session.names.analysis);
    if (analysis && !analysis.status.endsWith('IN_PROGRESS')) return analysis;
    await new Promise((resolve) => setTimeout(resolve, pollInterval(ctx, 2000)));
  }
  throw new QuickSightProblem(
    'analysis',
    `The analysis ${session.names.analysis} is still being created after four minutes.`,
    ['Look at it in the QuickSight console, then run this step again.'],
  );
}

function failed(analysis: AnalysisState): QuickSightProblem {
  const errors = analysis.errors.map((e) => `${e.type}: ${e.message}`).join('; ') || analysis.status;
  const missingData = analysis.errors.some((e) => e.type === 'DATA_SET_NOT_FOUND');
  return new QuickSightProblem('analysis', `The analysis ${analysis.id} failed to create (${errors}).`, [
    missingData
      ? 'Run the "Prepare the data set" step again, then this one.'
      : 'The data set\'s columns no longer match the visuals; run the "Prepare the data set" step again, then this one.',
  ]);
}
