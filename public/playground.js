/**
 * Starts GraphiQL on this origin. The example operations (`/assets/examples.json`) open as
 * the first tabs, each with its variables, and stay at hand in the "Examples" sidebar
 * plugin: GraphiQL restores the tabs of an earlier visit from localStorage instead of the
 * default tabs, so the sidebar is how a returning user gets them back.
 *
 * This is a separate file, not an inline script, because the page's CSP runs scripts from
 * 'self' only.
 */
(function () {
  'use strict';

  const h = React.createElement;

  const FALLBACK_QUERY = [
    '# The negotiation issues, and who holds which position on each.',
    'query IssuesAndPositions {',
    '  issues(first: 20) {',
    '    edges { node { id name positions { actor { id name } stance firmness isPrecondition } } }',
    '  }',
    '}',
    '',
  ].join('\n');

  async function loadExamples() {
    try {
      const response = await fetch('/assets/examples.json', { headers: { accept: 'application/json' } });
      return response.ok ? await response.json() : [];
    } catch {
      // Without the examples the IDE is still useful: it falls back to one default query.
      return [];
    }
  }

  function ExamplesIcon() {
    return h(
      'svg',
      { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
      h('path', { d: 'M4 6h16M4 12h16M4 18h10' }),
    );
  }

  function examplesPlugin(examples) {
    function ExamplesPanel() {
      const editor = GraphiQL.React.useEditorContext({ nonNull: true });
      const pending = React.useRef(null);

      // A new tab's editors are filled with its (empty) content while it becomes active,
      // so the example is written once the switch has rendered.
      React.useEffect(() => {
        const example = pending.current;
        if (example === null) return;
        pending.current = null;
        editor.queryEditor?.setValue(example.query);
        editor.variableEditor?.setValue(example.variables);
      }, [editor.activeTabIndex]);

      function open(example) {
        const index = editor.tabs.findIndex((tab) => (tab.query ?? '').trim() === example.query.trim());
        if (index >= 0) {
          editor.changeTab(index);
          return;
        }
        pending.current = example;
        editor.addTab();
      }

      return h(
        'section',
        { className: 'kb-examples' },
        h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
        examples.length === 0
          ? h('p', null, 'No example operations were found in schema/examples/.')
          : h(
              'ul',
              null,
              examples.map((example) =>
                h(
                  'li',
                  { key: example.name },
                  h('button', { type: 'button', onClick: () => open(example), 'data-example': example.name }, example.operationName),
                  example.description ? h('p', null, example.description) : null,
                ),
              ),
            ),
      );
    }
    return { title: 'Examples', icon: ExamplesIcon, content: ExamplesPanel };
  }

  async function start() {
    const examples = await loadExamples();
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      h(
        GraphiQL,
        {
          fetcher: fetcher(GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href })),
          defaultQuery: FALLBACK_QUERY,
          defaultTabs: examples.length > 0 ? examples.map((e) => ({ query: e.query, variables: e.variables })) : undefined,
          defaultEditorToolsVisibility: examples.some((e) => e.variables !== '') ? 'variables' : false,
          plugins: [examplesPlugin(examples)],
        },
        h(GraphiQL.Logo, null, 'GraphiQL', h('a', { className: 'kb-logo-link', href: '/explore' }, 'explore the map')),
      ),
    );
  }

  /**
   * GraphiQL reads the operation name from the editor after a short debounce, so a run just
   * after switching tabs can send the previous tab's name with this tab's document, which the
   * server rightly refuses. A name the document does not define is dropped: with a single
   * operation the server needs none, and with several it says which name is missing.
   */
  function fetcher(send) {
    return (params, options) => {
      const named = params.operationName;
      if (named && typeof params.query === 'string' && !new RegExp(`\\b(query|mutation|subscription)\\s+${named}\\b`).test(params.query)) {
        return send({ ...params, operationName: undefined }, options);
      }
      return send(params, options);
    };
  }

  void start();
})();
