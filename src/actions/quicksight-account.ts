/**
 * What every QuickSight step needs to know first: the account is subscribed
 * (offering to subscribe, at a cost the learner must accept), its edition,
 * the identity region its users live in, and the user who will own what the
 * workshop creates. The first step saves these as outputs; later steps read
 * them back, or work them out again when run on their own.
 */
import type { ActionContext, Outputs } from '../engine/types.js';
import {
  describeSubscription,
  findIdentityRegion,
  listUsers,
  ownerCandidates,
  subscribeEnterprise,
  userNameFor,
  type QuickSightUser,
  type Subscription,
} from '../aws/quicksight-account.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import {
  explainCallerDenied,
  noUserProblem,
  notSubscribedProblem,
  PRICING_URL,
  QuickSightProblem,
} from '../aws/quicksight-errors.js';

export interface QuickSightFacts {
  subscription: Subscription;
  identityRegion: string;
  owner: QuickSightUser;
}

/** THEMEPARK_QUICKSIGHT_EMAIL (for subscribing through the API) and THEMEPARK_QUICKSIGHT_USER (the owner to use). */
export interface QuickSightPreferences {
  email?: string;
  userName?: string;
}

export function quickSightPreferences(env: NodeJS.ProcessEnv = process.env): QuickSightPreferences {
  const email = env.THEMEPARK_QUICKSIGHT_EMAIL?.trim();
  const userName = env.THEMEPARK_QUICKSIGHT_USER?.trim();
  return { ...(email ? { email } : {}), ...(userName ? { userName } : {}) };
}

/** How long to wait between polls: the sandbox answers at once, AWS needs a moment. */
export function pollInterval(ctx: Pick<ActionContext, 'session'>, awsMs: number): number {
  return ctx.session.mode === 'sandbox' ? Math.min(200, awsMs) : awsMs;
}

export async function resolveQuickSight(
  ctx: ActionContext,
  preferences = quickSightPreferences(),
): Promise<QuickSightFacts> {
  const { session } = ctx;
  try {
    const subscription = await ensureSubscribed(ctx, preferences);
    const identityRegion = await findIdentityRegion(session.clients, session.account, session.region);
    if (identityRegion !== session.region) {
      ctx.emit(
        CODES.IDENTITY_REGION,
        'info',
        `QuickSight users live in ${identityRegion} (the account's identity region); the data lives in ${session.region}.`,
      );
    }
    const owner = await chooseOwner(ctx, identityRegion, preferences, ctx.outputs);
    return { subscription, identityRegion, owner };
  } catch (error) {
    throw explainCallerDenied(error, session.identityArn);
  }
}

export function factsOutputs(facts: QuickSightFacts): Outputs {
  return {
    quickSightEdition: facts.subscription.edition,
    quickSightAccountName: facts.subscription.accountName,
    quickSightIdentityRegion: facts.identityRegion,
    quickSightOwner: facts.owner.userName,
    quickSightOwnerArn: facts.owner.arn,
  };
}

async function ensureSubscribed(
  ctx: ActionContext,
  preferences: QuickSightPreferences,
): Promise<Subscription> {
  const { session, emit } = ctx;
  const existing = await describeSubscription(session.clients, session.account);
  if (existing?.status === 'ACCOUNT_CREATED') {
    emit(CODES.ACCOUNT, 'info', `QuickSight account ${existing.accountName}, ${existing.edition} edition`);
    return existing;
  }
  if (existing) {
    throw new QuickSightProblem(
      'not-subscribed',
      `The QuickSight subscription of account ${session.account} is ${existing.status}.`,
      [
        'Wait until the QuickSight console shows the account as ready (or finish signing up there), then run this step again.',
      ],
    );
  }

  const problem = notSubscribedProblem(
    session.account,
    session.names.quickSightAccountName,
    session.names.bucket,
  );
  emit(CODES.NOT_SUBSCRIBED, 'error', problem.message);
  const email = preferences.email ?? (session.mode === 'sandbox' ? 'learner@example.com' : undefined);
  if (!email) throw problem;

  const accepted = await ctx.confirm({
    code: CODES.SUBSCRIBE_ASK,
    message:
      `Subscribe account ${session.account} to QuickSight now, as ${session.names.quickSightAccountName} (notices to ${email})? ` +
      `The API can only start the ENTERPRISE edition, a paid subscription billed per user every month (see ${PRICING_URL}) ` +
      'until you unsubscribe in Manage QuickSight → Account settings. Answer yes only if you accept that cost.',
    ifUnattended: false,
  });
  if (!accepted) throw problem;

  await subscribeEnterprise(session.clients, session.account, session.names.quickSightAccountName, email);
  for (let attempt = 0; attempt < 60; attempt++) {
    const now = await describeSubscription(session.clients, session.account);
    if (now?.status === 'ACCOUNT_CREATED') {
      emit(
        CODES.SUBSCRIBED,
        'success',
        `Subscribed: QuickSight account ${now.accountName}, ${now.edition} edition`,
      );
      return now;
    }
    await new Promise((resolve) => setTimeout(resolve, pollInterval(ctx, 5000)));
  }
  throw new QuickSightProblem(
    'not-subscribed',
    'The subscription was requested but is not ready after five minutes.',
    ['Check the QuickSight console, then run this step again.'],
  );
}

async function chooseOwner(
  ctx: ActionContext,
  identityRegion: string,
  preferences: QuickSightPreferences,
  outputs: Outputs,
): Promise<QuickSightUser> {
  const { session, emit } = ctx;
  const users = await listUsers(session.clients, session.account, identityRegion);
  const named =
    preferences.userName ??
    (typeof outputs.quickSightOwner === 'string' ? outputs.quickSightOwner : undefined);
  const chosen = named ? users.find((user) => user.userName === named) : undefined;
  if (named && !chosen && preferences.userName) {
    throw new QuickSightProblem(
      'no-user',
      `THEMEPARK_QUICKSIGHT_USER names ${named}, who is not a QuickSight user of this account.`,
      [
        `Users: ${users.map((u) => `${u.userName} (${u.role})`).join(', ') || 'none'}. Fix the variable and run this step again.`,
      ],
    );
  }
  if (chosen) return announce(ctx, chosen, 'as chosen before');

  const candidates = ownerCandidates(users, session.identityArn);
  if (candidates.length === 0) throw noUserProblem(session.identityArn, identityRegion);
  if (candidates.length === 1) return announce(ctx, candidates[0]!, 'the only author or admin');
  if (candidates[0]!.userName === userNameFor(session.identityArn))
    return announce(ctx, candidates[0]!, 'your own QuickSight user');

  emit(
    CODES.OWNER_ASK,
    'warn',
    `${candidates.length} QuickSight users could own the workshop's data set and analysis: ${candidates.map(describeUser).join(', ')}.`,
  );
  for (const [i, candidate] of candidates.entries()) {
    const yes = await ctx.confirm({
      code: CODES.OWNER_ASK,
      message: `Make ${describeUser(candidate)} the owner (the one who sees them in the console)?`,
      ifUnattended: i === 0,
    });
    if (yes) return announce(ctx, candidate, 'chosen');
  }
  throw new QuickSightProblem('no-user', "No QuickSight user was chosen to own the workshop's resources.", [
    'Set THEMEPARK_QUICKSIGHT_USER=<user name> and run this step again.',
  ]);
}

function describeUser(user: QuickSightUser): string {
  return `${user.userName} (${user.role}${user.email ? `, ${user.email}` : ''})`;
}

function announce(ctx: ActionContext, user: QuickSightUser, why: string): QuickSightUser {
  ctx.emit(
    CODES.OWNER,
    'info',
    `Owner of the workshop's QuickSight resources: ${describeUser(user)}, ${why}`,
  );
  return user;
}

/** The facts saved by an earlier QuickSight step, or worked out again. */
export async function quickSightFacts(ctx: ActionContext): Promise<QuickSightFacts> {
  const o = ctx.outputs;
  if (
    typeof o.quickSightOwnerArn === 'string' &&
    typeof o.quickSightIdentityRegion === 'string' &&
    typeof o.quickSightEdition === 'string'
  ) {
    return {
      subscription: {
        accountName: String(o.quickSightAccountName ?? ''),
        edition: o.quickSightEdition,
        status: 'ACCOUNT_CREATED',
      },
      identityRegion: o.quickSightIdentityRegion,
      owner: {
        userName: String(o.quickSightOwner ?? ''),
        arn: o.quickSightOwnerArn,
        role: 'AUTHOR',
        active: true,
      },
    };
  }
  return resolveQuickSight(ctx);
}
