// The OpenAPI schemas of the API's JSON answers, read from the TypeScript return types of the
// controller methods (their DTOs), so the document cannot promise a shape the code does not return
// and fuzzing checks every 2xx body. Writes apps/api/openapi/response-schemas.json (committed);
// `npm test` regenerates it and fails when the committed file is stale.
//   node tools/response-schemas.cjs          write the file
//   node tools/response-schemas.cjs --check  exit 1 when the file differs from the code
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '..');
const OUTPUT = path.join(root, 'apps', 'api', 'openapi', 'response-schemas.json');
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const MAX_DEPTH = 16;

function program() {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const controllers = parsed.fileNames.filter((file) => /apps[\\/]api[\\/].*\.controller\.ts$/.test(file));
  return ts.createProgram(controllers, { ...parsed.options, noEmit: true });
}

const decoratorName = (decorator) => {
  const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
  return ts.isIdentifier(expression) ? expression.text : undefined;
};

function schemaOf(checker, type, depth, seen) {
  if (depth > MAX_DEPTH) return {};
  const flags = type.flags;
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
  if (flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
  if (flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
  if (flags & ts.TypeFlags.String || flags & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
  if (flags & ts.TypeFlags.Number) return { type: 'number' };
  if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (flags & ts.TypeFlags.Null) return { nullable: true };
  if (type.isUnion()) return unionSchema(checker, type.types, depth, seen);
  const symbolName = type.getSymbol()?.getName();
  if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type);
    const items = checker.isTupleType(type) ? unionSchema(checker, elements, depth + 1, seen) : schemaOf(checker, elements[0], depth + 1, seen);
    return { type: 'array', items };
  }
  if (flags & ts.TypeFlags.Object || type.isIntersection()) {
    if (seen.has(type)) return { type: 'object' }; // a recursive type: its first level is enough
    const inner = new Set(seen).add(type);
    const properties = {};
    const required = [];
    for (const property of checker.getPropertiesOfType(type)) {
      // getTypeOfSymbol also resolves the properties of mapped types (Record<StatusLight, number>),
      // which have no declaration to ask at.
      const propertyType = checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length > 0) continue; // methods are not serialized
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || (propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
      properties[property.getName()] = schemaOf(checker, propertyType, depth + 1, inner);
      if (!optional) required.push(property.getName());
    }
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) schema.additionalProperties = schemaOf(checker, index.type, depth + 1, inner);
    return schema;
  }
  return {};
}

function unionSchema(checker, members, depth, seen) {
  const present = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  const nullable = present.some((t) => t.flags & ts.TypeFlags.Null);
  const rest = present.filter((t) => !(t.flags & ts.TypeFlags.Null));
  let schema;
  if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.StringLiteral)) schema = { type: 'string', enum: rest.map((t) => t.value) };
  else if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = { type: 'boolean' };
  else if (rest.length === 1) schema = schemaOf(checker, rest[0], depth + 1, seen);
  else if (rest.length === 0) schema = {};
  else schema = { anyOf: rest.map((t) => schemaOf(checker, t, depth + 1, seen)) };
  if (!nullable) return schema;
  if (schema.enum) schema.enum = [...schema.enum, null];
  // OpenAPI 3.0: `nullable` applies to a schema with a type; a bare anyOf gets it on each branch.
  if (schema.anyOf) return { anyOf: schema.anyOf.map((branch) => ({ ...branch, nullable: true })) };
  return { ...schema, nullable: true };
}

/** "Controller.method" → the JSON body schema of its success answer; downloads are left out. */
function generate() {
  const prog = program();
  const checker = prog.getTypeChecker();
  const schemas = {};
  for (const file of prog.getSourceFiles()) {
    if (!/apps[\\/]api[\\/].*\.controller\.ts$/.test(file.fileName)) continue;
    file.forEachChild(function visit(node) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const isController = (ts.getDecorators(node) ?? []).some((d) => decoratorName(d) === 'Controller');
      if (!isController) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        if (!(ts.getDecorators(member) ?? []).some((d) => HTTP_DECORATORS.has(decoratorName(d)))) continue;
        const signature = checker.getSignatureFromDeclaration(member);
        if (!signature) continue;
        const returned = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature)) ?? checker.getReturnTypeOfSignature(signature);
        const name = returned.getSymbol()?.getName();
        if (name === 'StreamableFile' || returned.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) continue;
        schemas[`${node.name.text}.${member.name.text}`] = schemaOf(checker, returned, 0, new Set());
      }
    });
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

function render() {
  return `${JSON.stringify(generate(), null, 2)}\n`;
}

module.exports = { render, OUTPUT };

if (require.main === module) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error('apps/api/openapi/response-schemas.json is stale: run `node tools/response-schemas.cjs` and commit it');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${path.relative(root, OUTPUT)} (${Object.keys(JSON.parse(text)).length} routes)`);
  }
}
