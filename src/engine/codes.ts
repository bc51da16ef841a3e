/**
 * Event codes: TPW_<level letter><group><number>. The group says which part
 * of the run spoke: 1 the engine, 2 the stack deploy, 3 the simulator and
 * delivery, 4 landing and reconciliation, 5 QuickSight, 6 verify and cleanup,
 * 7 insights. Logs and --json output carry them so a message can be searched
 * for whatever words it uses today.
 */
export const CODES = {
  STEP_START: 'TPW_I1001',
  STEP_PASSED: 'TPW_S1002',
  STEP_FAILED: 'TPW_E1003',
  STEP_SKIPPED: 'TPW_W1004',
  CHECK_PASSED: 'TPW_S1005',
  CHECK_FAILED: 'TPW_E1006',
  ACTION_ERROR: 'TPW_E1007',
  STATE_CORRUPT: 'TPW_W1008',
  ACTION_CANCELLED: 'TPW_W1009',
  IDENTITY: 'TPW_I1010',
  STACK_RESOURCE: 'TPW_I2001',
  STACK_PROGRESS: 'TPW_I2002',
  STACK_DONE: 'TPW_S2003',
  STACK_FAILURE: 'TPW_E2004',
  STACK_RECREATE: 'TPW_W2005',
  SEND_START: 'TPW_I3001',
  SEND_RESUME: 'TPW_I3002',
  SEND_ALREADY: 'TPW_I3003',
  SEND_PROGRESS: 'TPW_I3004',
  SEND_DONE: 'TPW_S3005',
  LANDING_PROGRESS: 'TPW_I4001',
  LANDING_DONE: 'TPW_S4002',
  LANDING_MISSING: 'TPW_E4003',
  LANDING_DUPLICATES: 'TPW_W4004',
  LANDING_OTHER: 'TPW_I4005',
  LANDING_RECEIPT: 'TPW_I4006',
  INSIGHTS_PROGRESS: 'TPW_I7001',
  INSIGHTS_LINE: 'TPW_I7002',
  INSIGHTS_DONE: 'TPW_S7003',
  INSIGHTS_SEVERAL_DAYS: 'TPW_W7004',
} as const;
