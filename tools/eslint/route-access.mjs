/**
 * Every route handler declares who may call it: `@Public()`, `@Authenticated()` or `@RequirePermission(...)` on the
 * method or its controller class. The global guard denies by default; this makes the intent visible in review and
 * fails the lint when a new route forgets it.
 */
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
const ACCESS = new Set(['Public', 'Authenticated', 'RequirePermission']);

const decoratorName = (decorator) => {
  const expression = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression;
  return expression.type === 'Identifier' ? expression.name : null;
};
const names = (node) => new Set((node.decorators ?? []).map(decoratorName).filter(Boolean));

export default {
  meta: {
    type: 'problem',
    docs: { description: 'every controller route declares @Public, @Authenticated or @RequirePermission' },
    messages: { missing: 'Route {{name}} declares no access: add @Public(), @Authenticated() or @RequirePermission(...).' },
    schema: [],
  },
  create(context) {
    return {
      ClassDeclaration(node) {
        const classDecorators = names(node);
        if (!classDecorators.has('Controller')) return;
        const classAccess = [...classDecorators].some((name) => ACCESS.has(name));
        for (const member of node.body.body) {
          if (member.type !== 'MethodDefinition') continue;
          const own = names(member);
          if (![...own].some((name) => HTTP_METHODS.has(name))) continue;
          if (classAccess || [...own].some((name) => ACCESS.has(name))) continue;
          context.report({ node: member.key, messageId: 'missing', data: { name: member.key.name ?? '?' } });
        }
      },
    };
  },
};
