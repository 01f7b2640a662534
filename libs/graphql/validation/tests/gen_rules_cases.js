// Regenerates rules_cases.inc: each case is validated by graphql-js (the oracle) with the one
// rule under test, and its errors become the expected values of our gtest.
//   node libs/graphql/validation/tests/gen_rules_cases.js /path/to/node_modules/graphql \
//     > libs/graphql/validation/tests/rules_cases.inc
const g = require(process.argv[2] || '/tmp/gqljs/node_modules/graphql');
const fs = require('fs');
const path = require('path');
const sdl = fs.readFileSync(path.join(__dirname, 'harness_schema.graphql'), 'utf8');
const schema = g.buildSchema(sdl);
const C = (rule, query) => ({ rule, query });
const cases = [
  C('ExecutableDefinitions', 'query Foo { dog { name } }\nfragment Frag on Dog { name }'),
  C('ExecutableDefinitions', 'query Foo { dog { name } }\ntype Cow { name: String }\nextend type Dog { color: String }\nschema { query: QueryRoot }'),
  C('UniqueOperationNames', 'query Foo { dog { name } }\nquery Bar { dog { name } }'),
  C('UniqueOperationNames', 'query Foo { dog { name } }\nquery Foo { dog { name } }\nmutation Foo { dog }'),
  C('LoneAnonymousOperation', '{ dog { name } }'),
  C('LoneAnonymousOperation', '{ dog { name } }\n{ cat { name } }\nquery Named { dog { name } }'),
  C('SingleFieldSubscriptions', 'subscription S { newDog { name } }'),
  C('SingleFieldSubscriptions', 'subscription S { newDog { name } newCat { name } __typename }'),
  C('SingleFieldSubscriptions', 'subscription { ...F }\nfragment F on SubscriptionRoot { newDog { name } alias: newDog { name } newCat { name } }'),
  C('SingleFieldSubscriptions', 'subscription { __typename }'),
  C('KnownTypeNames', 'query Foo($var: String, $required: [Int!]!) { dog { ... on Dog { name } ...F } }\nfragment F on Pet { name }'),
  C('KnownTypeNames', 'query Foo($var: Strin, $b: [Bolean!]) { dog { ... on Doge { name } ...F } }\nfragment F on Peat { name }'),
  C('FragmentsOnCompositeTypes', 'fragment a on Dog { name }\nfragment b on Pet { name }\nfragment c on CatOrDog { ... on Dog { name } ... { name } }'),
  C('FragmentsOnCompositeTypes', 'fragment a on Boolean { name }\nfragment b on FurColor { name }\nfragment c on Dog { ... on String { x } }'),
  C('VariablesAreInputTypes', 'query Foo($a: Unknown, $b: [[String!]!], $c: ComplexInput) { dog { name } }'),
  C('VariablesAreInputTypes', 'query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { dog { name } }'),
  C('ScalarLeafs', '{ dog { barks name } human { pets { name } } }'),
  C('ScalarLeafs', '{ dog human { name { first } } dog { barks { sinceWhen } } }'),
  C('ScalarLeafs', '{ dog { doesKnowCommand(dogCommand: SIT) { x } } __typename { y } }'),
  C('FieldsOnCorrectType', '{ dog { name __typename barkVolume } catOrDog { __typename ... on Cat { meows } } __schema { types { name } } __type(name: "Dog") { name } }'),
  C('FieldsOnCorrectType', '{ dog { meowVolume nam barks { x } } catOrDog { name } pet { nickname } }'),
  C('FieldsOnCorrectType', 'fragment f on Pet { tailLength mother }\nfragment g on Mammal { nickname } fragment h on CatOrDog { barks } query { dog { ...f ...g } cat { ... on CatOrDog { ...h } } }'),
  C('UniqueFragmentNames', 'fragment A on Dog { name } fragment B on Dog { name } { dog { ...A ...B } }'),
  C('UniqueFragmentNames', '{ dog { ...A } }\nfragment A on Dog { name }\nfragment A on Dog { barks }'),
  C('KnownFragmentNames', '{ dog { ...Known ... on Dog { ...Known } } }\nfragment Known on Dog { name }'),
  C('KnownFragmentNames', '{ dog { ...Unknown1 ... on Dog { ...Unknown2 } } }\nfragment F on Dog { ...Unknown3 }'),
  C('NoUnusedFragments', '{ dog { ...A } }\nfragment A on Dog { ...B }\nfragment B on Dog { name }'),
  C('NoUnusedFragments', '{ dog { ...A } }\nfragment A on Dog { name }\nfragment Unused1 on Dog { ...Unused2 }\nfragment Unused2 on Dog { ...A }'),
  C('PossibleFragmentSpreads', 'fragment a on Dog { ...b ...c ... on Pet { name } ... on CatOrDog { __typename } }\nfragment b on Pet { name }\nfragment c on Canine { name }'),
  C('PossibleFragmentSpreads', 'fragment a on Dog { ...b ... on Cat { meows } ...c }\nfragment b on Cat { meows }\nfragment c on Human { name }\nfragment d on CatOrDog { ... on Human { name } ...c }'),
  C('NoFragmentCycles', 'fragment A on Dog { ...B } fragment B on Dog { name } fragment C on Dog { ...B ...B }'),
  C('NoFragmentCycles', 'fragment A on Dog { ...A }'),
  C('NoFragmentCycles', 'fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...A ...B } fragment D on Dog { ...D ...A }'),
  C('UniqueVariableNames', 'query A($x: Int, $y: String) { __typename } query B($x: String) { __typename }'),
  C('UniqueVariableNames', 'query A($x: Int, $x: Int, $x: String) { __typename } query B($y: String, $y: Int) { __typename }'),
  C('NoUndefinedVariables', 'query Foo($a: String, $b: String) { field(a: $a) { field(b: $b) ...F } }\nfragment F on Type { field(a: $a) }'),
  C('NoUndefinedVariables', 'query Foo($a: String) { field(a: $a, b: $b) { ...F } }\nfragment F on Type { field(c: $c) }\nquery { field(d: $d) }'),
  C('NoUnusedVariables', 'query Foo($a: String, $b: String) { field(a: $a) { ...F } }\nfragment F on Type { field(b: $b) }'),
  C('NoUnusedVariables', 'query Foo($a: String, $b: String, $c: String) { field(a: $a) }\nquery($d: Int) { x }'),
  C('KnownDirectives', 'query Foo($v: Int @onVariableDefinition) @onQuery { dog @include(if: true) { name @onField ...F @onFragmentSpread ... @onInlineFragment { name } } }\nfragment F on Dog @onFragmentDefinition { name }\nmutation M @onMutation { __typename }\nsubscription S @onSubscription { newDog { name } }'),
  C('KnownDirectives', 'query Foo($v: Int @onQuery) @onField { dog @unknown(directive: "value") @onQuery { name @onFragmentSpread } ...F @onField }\nfragment F on QueryRoot @onInlineFragment { __typename }\nmutation M @onQuery { __typename }'),
  C('UniqueDirectivesPerLocation', '{ dog @onField @repeatable @repeatable { name @onField } }'),
  C('UniqueDirectivesPerLocation', 'fragment F on Dog @onFragmentDefinition @onFragmentDefinition { name @onField @onField @onField ...G @onFragmentSpread @onFragmentSpread }\nfragment G on Dog { name }'),
  C('KnownArgumentNames', '{ dog { doesKnowCommand(dogCommand: SIT) isHouseTrained(atOtherHomes: true) @include(if: true) } human(id: 4) { name(surname: true) } __type(name: "x") { name } }'),
  C('KnownArgumentNames', '{ dog { doesKnowCommand(dogcommand: SIT) isHouseTrained(unknown: true) @include(iff: true) @skip(unless: true) name(surename: true) } }'),
  C('UniqueArgumentNames', '{ dog @include(if: true) { isAtLocation(x: 1, y: 2) } }'),
  C('UniqueArgumentNames', '{ dog @include(if: true, if: false) { isAtLocation(x: 1, x: 2, y: 3, x: 4, y: 5) } }'),
  C('ValuesOfCorrectType', '{ complicatedArgs { intArgField(intArg: -2147483648) floatArgField(floatArg: 1) idArgField(idArg: 1) stringListArgField(stringListArg: "one") enumArgField(enumArg: BROWN) complexArgField(complexArg: {requiredField: true, stringListField: ["a", null]}) oneOfArgField(oneOfArg: {stringField: "x"}) } }'),
  C('ValuesOfCorrectType', '{ complicatedArgs { intArgField(intArg: 2147483648) a: intArgField(intArg: 1.5) b: intArgField(intArg: "3") floatArgField(floatArg: true) idArgField(idArg: 1.0) stringArgField(stringArg: 1) booleanArgField(booleanArg: "true") } }'),
  C('ValuesOfCorrectType', '{ complicatedArgs { enumArgField(enumArg: "BROWN") a: enumArgField(enumArg: brown) b: enumArgField(enumArg: 1) stringListArgField(stringListArg: ["one", 2]) nonNullIntArgField(nonNullIntArg: null) } dog { isHouseTrained(atOtherHomes: [[true]]) } }'),
  C('ValuesOfCorrectType', '{ complicatedArgs { complexArgField(complexArg: {intField: 4}) a: complexArgField(complexArg: {requiredField: true, unknownField: "x", nonNullField: null, stringFeild: "y"}) b: complexArgField(complexArg: "x") oneOfArgField(oneOfArg: {stringField: "a", intField: 1}) c: oneOfArgField(oneOfArg: {stringField: null}) } }'),
  C('ValuesOfCorrectType', 'query Q($a: Int = "one", $b: ComplexInput = {requiredField: 1}, $c: [String] = ["x", 1], $d: Int! = null) { dog { name } }'),
  C('ProvidedRequiredArguments', '{ complicatedArgs { multipleReqs(req1: 1, req2: 2) nonNullFieldWithDefault multipleOpts multipleOptAndReq(req1: 1, req2: 2) } dog @include(if: true) { name } }'),
  C('ProvidedRequiredArguments', '{ complicatedArgs { multipleReqs(req2: 2) a: multipleReqs nonNullIntArgField } dog @include { name @skip } __type { name } }'),
  C('VariablesInAllowedPosition', 'query Q($b: Boolean = true, $i: Int!, $l: [String], $e: FurColor, $c: ComplexInput) { complicatedArgs { booleanArgField(booleanArg: $b) nonNullIntArgField(nonNullIntArg: $i) intArgField(intArg: $i) stringListArgField(stringListArg: $l) enumArgField(enumArg: $e) complexArgField(complexArg: $c) } dog @include(if: $b) { isHouseTrained(atOtherHomes: $b) } }'),
  C('VariablesInAllowedPosition', 'query Q($i: Int, $s: String, $l: [String], $sl: String, $b: Boolean, $o: String) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $i) intArgField(intArg: $s) stringListNonNullArgField(stringListNonNullArg: $l) stringListArgField(stringListArg: $sl) oneOfArgField(oneOfArg: {stringField: $o}) ...F } dog @include(if: $b) { name } }\nfragment F on ComplicatedArgs { multipleReqs(req1: $i, req2: 1) }'),
  C('OverlappingFieldsCanBeMerged', '{ dog { name name otherName: name ...F ... on Dog { name } doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } catOrDog { ... on Dog { x: name } ... on Cat { x: nickname } } }\nfragment F on Dog { name }'),
  C('OverlappingFieldsCanBeMerged', '{ dog { fido: name fido: nickname doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) isAtLocation(x: 1) isAtLocation(y: 1) } }'),
  C('OverlappingFieldsCanBeMerged', '{ dog { ...A ...B } }\nfragment A on Dog { x: name }\nfragment B on Dog { x: barks }'),
  C('OverlappingFieldsCanBeMerged', '{ dog { mother { name x: barks } mother { name: nickname x: barkVolume } } pet { ... on Dog { v: barkVolume } ... on Cat { v: meows } } }'),
  C('OverlappingFieldsCanBeMerged', '{ catOrDog { ... on Dog { a: barkVolume } ... on Cat { a: meowsVolume } ... on Dog { b: mother { name } } ... on Cat { b: nickname } } human { relatives { name } relatives { name: pets { name } } } }'),
  C('UniqueInputFieldNames', '{ complicatedArgs { complexArgField(complexArg: {requiredField: true, intField: 1, stringListField: ["a"]}) } }'),
  C('UniqueInputFieldNames', '{ complicatedArgs { complexArgField(complexArg: {requiredField: true, requiredField: false, intField: 1, intField: 2, intField: 3}) } }'),
];
function cstr(s) { return JSON.stringify(s); }
let out = '// Generated by gen_rules_cases.js from graphql-js ' + g.version + '; do not edit.\n';
// Each case twice: with the rule under test alone, then with every rule (Rule::kCount), which
// also checks the order of errors across rules.
for (const c of cases) {
  for (const all of [false, true]) {
    const errors = g.validate(schema, g.parse(c.query), all ? undefined : [g[c.rule + 'Rule']]);
    const expected = errors.map((e) => e.message + ' @' + (e.locations || []).map((l) => l.line + ':' + l.column).join(','));
    const rule = all ? 'Count' : c.rule;
    out += `{Rule::k${rule}, ${cstr(c.query)},\n {${expected.map(cstr).join(',\n  ')}}},\n`;
  }
}
process.stdout.write(out);
