/**
 * The template engine on its own: parsing, intrinsics, conditions, parameters,
 * ordering and capabilities, as case tables.
 */
import {
  CloudFormationError,
  loadTemplate,
  parseTemplateBody,
  planStack,
  resolutionContext,
  resolveOutputs,
  resolveValue,
  type GivenParameter,
  type PseudoParameters,
  type TemplateValue,
} from '../../src/sandbox/cloudformation/template/index.js';

const PSEUDO: PseudoParameters = {
  accountId: '123456789012',
  region: 'eu-west-1',
  stackName: 'park',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/park/uuid',
};

/** Resources "exist" with physical id `phys-<Name>` and attributes `<Name>.<Attr>`. */
const LOOKUP = {
  refResource: (name: string) => `phys-${name}`,
  getAtt: (name: string, attribute: string) => `${name}.${attribute}`,
  importValue: (name: string) => `imported-${name}`,
};

function errorOf(run: () => unknown): CloudFormationError {
  try {
    run();
  } catch (error) {
    if (error instanceof CloudFormationError) return error;
    throw error;
  }
  throw new Error('expected a CloudFormationError');
}

describe('parseTemplateBody', () => {
  it.each<[string, string, TemplateValue]>([
    ['!Ref', 'v: !Ref Bucket', { v: { Ref: 'Bucket' } }],
    ['!GetAtt dotted', 'v: !GetAtt Bucket.Arn', { v: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }],
    [
      '!GetAtt dotted attribute',
      'v: !GetAtt Db.Endpoint.Address',
      { v: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } },
    ],
    ['!GetAtt list', 'v: !GetAtt [Bucket, Arn]', { v: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }],
    ['!Sub string', 'v: !Sub "a-${AWS::Region}"', { v: { 'Fn::Sub': 'a-${AWS::Region}' } }],
    ['!Sub list', 'v: !Sub ["${X}", {X: !Ref Y}]', { v: { 'Fn::Sub': ['${X}', { X: { Ref: 'Y' } }] } }],
    ['!Join nested', "v: !Join ['', [a, !Ref B]]", { v: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] } }],
    ['!If', 'v: !If [C, 1, 2]', { v: { 'Fn::If': ['C', 1, 2] } }],
    ['!Equals/!Not', 'v: !Not [!Equals [a, b]]', { v: { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] } }],
    [
      '!And/!Condition',
      'v: !And [!Condition A, !Condition B]',
      { v: { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] } },
    ],
    [
      '!Or',
      'v: !Or [!Condition A, !Equals [x, y]]',
      { v: { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Equals': ['x', 'y'] }] } },
    ],
    [
      '!Select/!Split',
      "v: !Select [1, !Split [',', 'a,b']]",
      { v: { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b'] }] } },
    ],
    ['!FindInMap', 'v: !FindInMap [M, a, b]', { v: { 'Fn::FindInMap': ['M', 'a', 'b'] } }],
    ['!Base64', 'v: !Base64 hi', { v: { 'Fn::Base64': 'hi' } }],
    ['!GetAZs', "v: !GetAZs ''", { v: { 'Fn::GetAZs': '' } }],
    ['!ImportValue', 'v: !ImportValue shared', { v: { 'Fn::ImportValue': 'shared' } }],
    ['JSON', '{"v": {"Ref": "X"}}', { v: { Ref: 'X' } }],
    ['aliases', 'a: &x {k: 1}\nb: *x', { a: { k: 1 }, b: { k: 1 } }],
  ])('%s', (_name, body, expected) => {
    expect(parseTemplateBody(body)).toEqual(expected);
  });

  it.each([
    [
      'bad YAML',
      'a: [1, 2\nb: }',
      /^Template format error: YAML not well-formed\. \(line \d+, column \d+\)$/,
    ],
    ['bad JSON', '{"a": }', /^Template format error: JSON not well-formed\./],
    ['unknown tag', 'a: !Reff X', /^Template format error: YAML not well-formed\. Unknown tag !Reff/],
    ['not a map', '- a\n- b', /^Template format error: unsupported structure\.$/],
  ])('rejects %s as a ValidationError', (_name, body, message) => {
    const error = errorOf(() => parseTemplateBody(body));
    expect(error.code).toBe('ValidationError');
    expect(error.message).toMatch(message);
  });
});

describe('template checks', () => {
  it.each([
    [
      'no resources',
      'Resources: {}',
      'Template format error: At least one Resources member must be defined.',
    ],
    [
      'unknown section',
      'Foo: 1\nResources: {A: {Type: T}}',
      'Template format error: Invalid template property or properties [Foo]',
    ],
    [
      'missing Type',
      'Resources: {A: {Properties: {}}}',
      'Template format error: [/Resources/A] Every Resources object must contain a Type member.',
    ],
    [
      'unresolved Ref',
      'Resources: {A: {Type: T, Properties: {X: !Ref Nope}}}',
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    ],
    [
      'unresolved Sub variable',
      'Resources: {A: {Type: T, Properties: {X: !Sub "${Nope}-x"}}}',
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    ],
    [
      'unresolved DependsOn',
      'Resources: {A: {Type: T, DependsOn: Nope}}',
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    ],
    [
      'unresolved Ref in Outputs',
      'Resources: {A: {Type: T}}\nOutputs: {O: {Value: !Ref Nope}}',
      'Template format error: Unresolved resource dependencies [Nope] in the Outputs block of the template',
    ],
    [
      'GetAtt of an undefined resource',
      'Resources: {A: {Type: T, Properties: {X: !GetAtt Nope.Arn}}}',
      'Template error: instance of Fn::GetAtt references undefined resource Nope',
    ],
    [
      'resource in Conditions',
      'Conditions: {C: !Equals [!Ref A, x]}\nResources: {A: {Type: T}}',
      'Template format error: Unresolved dependencies [A]. Cannot reference resources in the Conditions block of the template',
    ],
    ['circular', 'Resources: {A: {Type: T, DependsOn: B}, B: {Type: T, Properties: {X: !Ref A}}}', null],
    [
      'unsupported function',
      'Resources: {A: {Type: T, Properties: {X: {"Fn::Nope": 1}}}}',
      /Encountered unsupported function: Fn::Nope/,
    ],
  ])('%s', (_name, body, message) => {
    const run = () => {
      const template = loadTemplate(body);
      return planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO });
    };
    const error = errorOf(run);
    expect(error.code).toBe('ValidationError');
    if (message === null) expect(error.message).toBe('Circular dependency between resources: [A, B]');
    else if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('accepts pseudo parameters and parameters as Ref targets', () => {
    const template = loadTemplate(
      'Parameters: {P: {Type: String, Default: x}}\nResources: {A: {Type: T, Properties: {X: !Ref P, Y: !Ref AWS::Region}}}',
    );
    expect(Object.keys(template.resources)).toEqual(['A']);
  });
});

describe('intrinsic functions', () => {
  const template = loadTemplate(`
Parameters:
  Name: {Type: String, Default: park}
  Zones: {Type: CommaDelimitedList, Default: 'a,b,c'}
  Size: {Type: Number, Default: 10}
Mappings:
  Sizes:
    eu-west-1: {Small: 1, Large: 100}
Conditions:
  IsPark: !Equals [!Ref Name, park]
  IsTen: !Equals [!Ref Size, 10]
  Both: !And [!Condition IsPark, !Condition IsTen]
  Neither: !Not [!Or [!Condition IsPark, !Condition IsTen]]
Resources:
  Bucket: {Type: T}
`);
  const plan = planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO });
  const context = resolutionContext(template, plan.parameters, PSEUDO, LOOKUP);

  it.each<[string, TemplateValue, TemplateValue | undefined]>([
    ['Ref parameter', { Ref: 'Name' }, 'park'],
    ['Ref list parameter', { Ref: 'Zones' }, ['a', 'b', 'c']],
    ['Ref number parameter is text', { Ref: 'Size' }, '10'],
    ['Ref resource', { Ref: 'Bucket' }, 'phys-Bucket'],
    ['Ref AWS::AccountId', { Ref: 'AWS::AccountId' }, '123456789012'],
    ['Ref AWS::StackName', { Ref: 'AWS::StackName' }, 'park'],
    ['Ref AWS::StackId', { Ref: 'AWS::StackId' }, PSEUDO.stackId],
    ['Ref AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref AWS::NoValue at top', { Ref: 'AWS::NoValue' }, undefined],
    ['AWS::NoValue removes a key', { a: 1, b: { Ref: 'AWS::NoValue' } }, { a: 1 }],
    ['AWS::NoValue removes a list item', [1, { Ref: 'AWS::NoValue' }, 2], [1, 2]],
    ['GetAtt list', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, 'Bucket.Arn'],
    ['GetAtt string', { 'Fn::GetAtt': 'Bucket.Arn' }, 'Bucket.Arn'],
    ['Sub pseudo and resource', { 'Fn::Sub': 'x-${AWS::Region}-${Bucket}' }, 'x-eu-west-1-phys-Bucket'],
    ['Sub attribute', { 'Fn::Sub': '${Bucket.Arn}/*' }, 'Bucket.Arn/*'],
    ['Sub literal', { 'Fn::Sub': '${!Literal}-${Name}' }, '${Literal}-park'],
    ['Sub with map', { 'Fn::Sub': ['${A}-${Name}', { A: { Ref: 'Size' } }] }, '10-park'],
    ['Join', { 'Fn::Join': ['-', ['a', { Ref: 'Name' }, 3]] }, 'a-park-3'],
    ['Join over a list parameter', { 'Fn::Join': ['+', { Ref: 'Zones' }] }, 'a+b+c'],
    ['Select', { 'Fn::Select': ['1', { Ref: 'Zones' }] }, 'b'],
    ['Split', { 'Fn::Split': ['/', 'a/b'] }, ['a', 'b']],
    ['Select of Split', { 'Fn::Select': [0, { 'Fn::Split': ['.', 'x.y'] }] }, 'x'],
    ['If true', { 'Fn::If': ['IsPark', 'yes', 'no'] }, 'yes'],
    ['If false with NoValue', { k: { 'Fn::If': ['Neither', 'v', { Ref: 'AWS::NoValue' }] } }, {}],
    ['FindInMap with Ref key', { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Large'] }, 100],
    ['Base64', { 'Fn::Base64': { 'Fn::Sub': '${Name}' } }, Buffer.from('park').toString('base64')],
    ['GetAZs of this region', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    ['ImportValue', { 'Fn::ImportValue': { 'Fn::Sub': '${Name}-bucket' } }, 'imported-park-bucket'],
    ['Equals number and text', { 'Fn::Equals': [{ Ref: 'Size' }, 10] }, true],
  ])('%s', (_name, value, expected) => {
    expect(resolveValue(value, context)).toEqual(expected);
  });

  it.each([
    ['IsPark', true],
    ['IsTen', true],
    ['Both', true],
    ['Neither', false],
  ])('condition %s is %s', (name, expected) => {
    expect(plan.conditions[name]).toBe(expected);
  });

  it('fails a missing mapping key with the template error', () => {
    expect(() => resolveValue({ 'Fn::FindInMap': ['Sizes', 'us-east-1', 'Large'] }, context)).toThrow(
      'Template error: Unable to get mapping for Sizes::us-east-1::Large',
    );
  });
});

describe('parameters', () => {
  const body = `
Parameters:
  Name: {Type: String}
  Interval: {Type: Number, Default: 60, MinValue: 0, MaxValue: 900}
  Mode: {Type: String, Default: a, AllowedValues: [a, b]}
  Bucket: {Type: String, Default: '', AllowedPattern: '([a-z0-9-]{3,63})?', ConstraintDescription: 'a bucket name'}
Resources:
  A: {Type: T}
`;
  const template = loadTemplate(body);
  const plan = (parameters: GivenParameter[], previousParameters?: Record<string, string>) =>
    planStack({ template, parameters, previousParameters, capabilities: [], pseudo: PSEUDO });

  it('applies defaults and keeps given values as text', () => {
    expect(plan([{ ParameterKey: 'Name', ParameterValue: 'x' }]).parameters).toEqual({
      Name: 'x',
      Interval: '60',
      Mode: 'a',
      Bucket: '',
    });
  });

  it('takes previous values when asked', () => {
    const given = [{ ParameterKey: 'Name', UsePreviousValue: true }];
    expect(plan(given, { Name: 'old' }).parameters.Name).toBe('old');
  });

  it.each<[string, GivenParameter[], string]>([
    ['missing value', [], 'Parameters: [Name] must have values'],
    [
      'unknown key',
      [{ ParameterKey: 'Nope', ParameterValue: '1' }],
      'Parameters: [Nope] do not exist in the template',
    ],
    [
      'not allowed',
      [
        { ParameterKey: 'Name', ParameterValue: 'x' },
        { ParameterKey: 'Mode', ParameterValue: 'c' },
      ],
      "Parameter 'Mode' must be one of AllowedValues",
    ],
    [
      'not a number',
      [
        { ParameterKey: 'Name', ParameterValue: 'x' },
        { ParameterKey: 'Interval', ParameterValue: 'soon' },
      ],
      "Parameter 'Interval' must be a number.",
    ],
    [
      'above MaxValue',
      [
        { ParameterKey: 'Name', ParameterValue: 'x' },
        { ParameterKey: 'Interval', ParameterValue: '901' },
      ],
      "Parameter 'Interval' must be a number not greater than 900",
    ],
    [
      'pattern with a constraint description',
      [
        { ParameterKey: 'Name', ParameterValue: 'x' },
        { ParameterKey: 'Bucket', ParameterValue: 'Bad_Name' },
      ],
      "Parameter 'Bucket' failed to satisfy constraint: a bucket name",
    ],
  ])('rejects %s', (_name, given, message) => {
    const error = errorOf(() => plan(given));
    expect([error.code, error.message]).toEqual(['ValidationError', message]);
  });
});

describe('ordering and conditions', () => {
  it('orders by DependsOn, Ref, GetAtt and Sub, keeping template order otherwise', () => {
    const template = loadTemplate(`
Resources:
  Stream: {Type: T, DependsOn: Policy, Properties: {Bucket: !GetAtt Bucket.Arn, Role: !GetAtt Role.Arn}}
  Policy: {Type: T, Properties: {Roles: [!Ref Role], Resource: !Sub '\${Bucket.Arn}/*'}}
  Role: {Type: T}
  Bucket: {Type: T}
  Loner: {Type: T}
`);
    const plan = planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO });
    expect(plan.order).toEqual(['Role', 'Bucket', 'Policy', 'Stream', 'Loner']);
    expect(plan.dependencies.get('Stream')).toEqual(['Policy', 'Bucket', 'Role']);
  });

  it('leaves out resources and outputs whose condition is false', () => {
    const template = loadTemplate(`
Parameters: {Extra: {Type: String, Default: 'no', AllowedValues: ['yes', 'no']}}
Conditions: {WantExtra: !Equals [!Ref Extra, 'yes']}
Resources:
  Main: {Type: T}
  Additional: {Type: T, Condition: WantExtra}
Outputs:
  MainName: {Value: !Ref Main}
  ExtraName: {Value: !Ref Additional, Condition: WantExtra}
`);
    const plan = planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO });
    expect(plan.order).toEqual(['Main']);
    const outputs = resolveOutputs(plan, resolutionContext(template, plan.parameters, PSEUDO, LOOKUP));
    expect(outputs).toEqual([{ OutputKey: 'MainName', OutputValue: 'phys-Main' }]);

    const withExtra = planStack({
      template,
      parameters: [{ ParameterKey: 'Extra', ParameterValue: 'yes' }],
      capabilities: [],
      pseudo: PSEUDO,
    });
    expect(withExtra.order).toEqual(['Main', 'Additional']);
  });

  it('names every resource caught in a longer cycle', () => {
    const template = loadTemplate(`
Resources:
  A: {Type: T, Properties: {X: !Ref C}}
  B: {Type: T, Properties: {X: !Ref A}}
  C: {Type: T, Properties: {X: !GetAtt B.Arn}}
  D: {Type: T}
`);
    const error = errorOf(() => planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO }));
    expect(error.message).toBe('Circular dependency between resources: [A, B, C]');
  });
});

describe('attribute checks', () => {
  const template = loadTemplate(`
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Other: {Type: Custom::Thing, Properties: {A: !GetAtt Bucket.Arn, B: !Sub '\${Bucket.DomainName}', C: !GetAtt Bucket.Nope}}
Outputs:
  Free: {Value: !GetAtt Other.Anything}
`);
  const known = (type: string) => (type === 'AWS::S3::Bucket' ? ['Arn', 'DomainName'] : undefined);

  it('refuses an attribute the type does not have, naming it as CloudFormation does', () => {
    const error = errorOf(() =>
      planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO, knownAttributes: known }),
    );
    expect(error.message).toBe(
      'Template error: resource Bucket does not support attribute type Nope in Fn::GetAtt',
    );
  });

  it('checks nothing without a list of known attributes', () => {
    expect(planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO }).order).toEqual([
      'Bucket',
      'Other',
    ]);
  });
});

describe('capabilities', () => {
  const role = (props: string) =>
    loadTemplate(
      `Resources: {R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}${props}}}}`,
    );

  it.each<[string, string, string[], string | null]>([
    ['unnamed role without capabilities', '', [], 'Requires capabilities : [CAPABILITY_IAM]'],
    ['unnamed role with CAPABILITY_IAM', '', ['CAPABILITY_IAM'], null],
    ['unnamed role with CAPABILITY_NAMED_IAM', '', ['CAPABILITY_NAMED_IAM'], null],
    [
      'named role with CAPABILITY_IAM',
      ', RoleName: r',
      ['CAPABILITY_IAM'],
      'Requires capabilities : [CAPABILITY_NAMED_IAM]',
    ],
    ['named role with CAPABILITY_NAMED_IAM', ', RoleName: r', ['CAPABILITY_NAMED_IAM'], null],
  ])('%s', (_name, props, capabilities, message) => {
    const run = () => planStack({ template: role(props), parameters: [], capabilities, pseudo: PSEUDO });
    if (message === null) {
      expect(run().order).toEqual(['R']);
    } else {
      const error = errorOf(run);
      expect([error.code, error.message]).toEqual(['InsufficientCapabilitiesException', message]);
    }
  });
});
