/**
 * The pure parts of the QuickSight wrappers: recognising the service's
 * refusals, picking an owner, reading IAM policies, judging a data set's
 * preparation and an analysis's content, and telling unfit records.
 */
import { describe, expect, test } from '@jest/globals';
import { ownerCandidates, userNameFor, type QuickSightUser } from '../../src/aws/quicksight-account.js';
import {
  analysisDefinition,
  dataSetTables,
  manifestText,
  preparedColumns,
} from '../../src/aws/quicksight-assets.js';
import { unfitReason } from '../../src/aws/quicksight-bucket-records.js';
import {
  identityRegionIn,
  isCallerDenied,
  isEditionUnsupported,
  isNotSubscribed,
  isS3AccessDenied,
} from '../../src/aws/quicksight-errors.js';
import { preparationProblems } from '../../src/aws/quicksight-preparation.js';
import { definitionSignature, visualKinds, type DataSetState } from '../../src/aws/quicksight-resources.js';
import { bucketReadPolicy, grants } from '../../src/aws/quicksight-s3-access.js';

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe('recognising refusals', () => {
  test.each([
    [
      'ResourceNotFoundException',
      'Account 123456789012 is not signed up with QuickSight with namespace default',
      'notSubscribed',
    ],
    [
      'UnsupportedUserEditionException',
      'Account 123456789012 is not subscribed for QuickSight',
      'notSubscribed',
    ],
    ['UnsupportedUserEditionException', 'This operation is not supported in the STANDARD edition', 'edition'],
    ['AccessDeniedException', 'Insufficient permission to access the manifest file', 's3'],
    [
      'AccessDeniedException',
      'User: arn:aws:iam::1:user/x is not authorized to perform: quicksight:ListUsers on resource: *',
      'caller',
    ],
    ['ResourceNotFoundException', 'DataSet theme-park-data does not exist', 'none'],
  ])('%s "%s" is %s', (name, message, kind) => {
    const error = awsError(name, message);
    expect({
      notSubscribed: isNotSubscribed(error),
      edition: isEditionUnsupported(error),
      s3: isS3AccessDenied(error),
      caller: isCallerDenied(error),
    }).toEqual({
      notSubscribed: kind === 'notSubscribed',
      edition: kind === 'edition',
      s3: kind === 's3',
      caller: kind === 'caller',
    });
  });

  test('the identity region is read from the refusal that names it', () => {
    const error = awsError(
      'AccessDeniedException',
      'Operation is being called from endpoint eu-west-1, but your identity region is us-east-1. Please use the us-east-1 endpoint.',
    );
    expect(identityRegionIn(error)).toBe('us-east-1');
    expect(identityRegionIn(awsError('AccessDeniedException', 'nope'))).toBeUndefined();
  });
});

describe('choosing an owner', () => {
  test.each([
    ['arn:aws:iam::123456789012:user/alice', 'alice'],
    ['arn:aws:iam::123456789012:user/division/team/alice', 'alice'],
    ['arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com', 'Admin/alice@example.com'],
    ['arn:aws:iam::123456789012:root', undefined],
  ])('%s signs in to QuickSight as %s', (arn, name) => {
    expect(userNameFor(arn)).toBe(name);
  });

  test('the caller first, then admins, then authors; readers and inactive users never', () => {
    const user = (userName: string, role: string, active = true): QuickSightUser => ({
      userName,
      role,
      active,
      arn: `arn:${userName}`,
    });
    const users = [
      user('zed', 'AUTHOR'),
      user('amy', 'ADMIN'),
      user('bob', 'READER'),
      user('me', 'AUTHOR'),
      user('old', 'ADMIN', false),
    ];
    expect(ownerCandidates(users, 'arn:aws:iam::123456789012:user/me').map((u) => u.userName)).toEqual([
      'me',
      'amy',
      'zed',
    ]);
  });
});

describe("reading the service role's policies", () => {
  test.each([
    [bucketReadPolicy('b1'), 'b1', true],
    [bucketReadPolicy('b1'), 'b2', false],
    ['{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', 'b1', true],
    ['{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b1"}}', 'b1', false],
    [
      '{"Statement":{"Effect":"Allow","Action":["S3:Get*","s3:List*"],"Resource":["arn:aws:s3:::theme-park-*"]}}',
      'theme-park-data',
      true,
    ],
    ['{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}', 'b1', false],
    ['not json', 'b1', false],
  ])('%s grants %s: %s', (document, bucket, expected) => {
    expect(grants(document, bucket)).toBe(expected);
  });
});

describe("the module's data preparation, judged", () => {
  const tables = dataSetTables('arn:aws:quicksight:eu-west-1:123456789012:datasource/theme-park-data');
  const prepared: DataSetState = {
    id: 'theme-park-data',
    arn: 'arn',
    name: 'theme-park-data',
    columns: preparedColumns().map((c) => ({ name: c.name, type: c.type })),
    tables,
    consumedSpiceBytes: 0,
  };

  test('the asset itself passes', () => {
    expect(preparationProblems(prepared)).toEqual([]);
  });

  test('a console-made data set that kept rating as text and forgot the map roles does not', () => {
    const copy = structuredClone(prepared);
    copy.columns = copy.columns
      .map((c) => (c.name === 'rating' ? { ...c, type: 'STRING' } : c))
      .filter((c) => c.name !== 'minutesInPark');
    Object.values(copy.tables.LogicalTableMap)[0]!.DataTransforms = [];
    expect(preparationProblems(copy)).toEqual([
      'rating is STRING, not INTEGER',
      'visitor.home.latitude is not tagged as latitude',
      'visitor.home.longitude is not tagged as longitude',
      'no column minutesInPark',
    ]);
  });

  test('minutesInPark must be the minutes from arrival to the tap', () => {
    const copy = structuredClone(prepared);
    const create = Object.values(copy.tables.LogicalTableMap)[0]!.DataTransforms!.find(
      (t) => t.CreateColumnsOperation,
    )!;
    create.CreateColumnsOperation!.Columns![0]!.Expression =
      'dateDiff({timestamp}, {visitor.arrivalTime}, "HH")';
    expect(preparationProblems(copy)).toEqual([
      expect.stringMatching(/^minutesInPark is dateDiff\(\{timestamp\}/),
    ]);
  });
});

describe('the analysis, judged by what it shows', () => {
  const definition = analysisDefinition('arn:aws:quicksight:eu-west-1:123456789012:dataset/theme-park-data');

  test("has the module's five visuals", () => {
    expect(visualKinds(definition)).toEqual([
      'BarChartVisual',
      'GeospatialMapVisual',
      'LineChartVisual',
      'TreeMapVisual',
      'KPIVisual',
    ]);
  });

  test('layout and defaults do not change the signature; a column or a filter value does', () => {
    const laidOut = structuredClone(definition);
    delete laidOut.Sheets![0]!.Layouts;
    laidOut.Options = { Timezone: 'UTC' };
    expect(definitionSignature(laidOut)).toBe(definitionSignature(definition));

    const otherFilter = structuredClone(definition);
    otherFilter.FilterGroups![0]!.Filters![0]!.CategoryFilter!.Configuration!.FilterListConfiguration!.CategoryValues =
      ['Entry'];
    expect(definitionSignature(otherFilter)).not.toBe(definitionSignature(definition));
  });
});

describe('records that would not fit', () => {
  const columns = preparedColumns();
  const record = {
    event: 'Ride',
    rating: 4,
    timestamp: '2026-12-03T10:00:00.000Z',
    visitorId: 1,
    visitor: { age: 20, home: { latitude: 1.5 } },
  };

  test.each([
    [record, undefined],
    [{ ...record, rating: '4' }, undefined],
    [{ ...record, rating: null }, undefined],
    [{ ...record, rating: 4.5 }, 'rating is 4.5, not a INTEGER'],
    [{ ...record, timestamp: 'yesterday' }, 'timestamp is "yesterday", not a DATETIME'],
    [{ ...record, visitor: { age: 'old' } }, 'visitor.age is "old", not a INTEGER'],
  ])('%j: %s', (value, reason) => {
    expect(unfitReason(JSON.stringify(value), columns)).toBe(reason);
  });

  test('a line that is not JSON', () => {
    expect(unfitReason('{"event":', columns)).toBe('the line is not one JSON object');
  });
});

test('the manifest text is the asset with the prefixes filled in', () => {
  expect(JSON.parse(manifestText(['s3://b/2026/', 's3://b/2027/']))).toEqual({
    fileLocations: [{ URIPrefixes: ['s3://b/2026/', 's3://b/2027/'] }],
    globalUploadSettings: { format: 'JSON' },
  });
});
