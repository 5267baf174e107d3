/**
 * Draws /explore from the GraphQL API of this origin: the actors × issues map of positions,
 * the blocking issues for a chosen pair of parties, the timeline, and the evidence quote of
 * every position.
 *
 * - Rows: every actor holding a position, grouped under its party as the API gives it
 *   (`Actor.party`, the affiliation walk the questions use). An official's row reads
 *   "Iran (through Abbas Araghchi)", as the API's own reasons do.
 * - Certainty: a probable or possible position is drawn apart from a certain one (its cell
 *   hatched or faded, its certainty and cue words in its title and evidence), and the
 *   "at least" choice (`?certainty=`, default POSSIBLE as in the API) hides less sure cells
 *   and is passed to the questions as `minCertainty`.
 * - The pair comes from `?parties=a,b` (default the United States and Iran) and is kept in
 *   the URL when changed. An error from the API (an unknown id is BAD_USER_INPUT) is shown
 *   as written, and the map stays drawn.
 * - Each section marks `data-state` (loading, ready, error) on its element, so the page
 *   says when it is usable, to a reader and to the browser test.
 * - The DOM is built with textContent only: quotes and names are data, never markup.
 */
(function () {
  'use strict';

  const DEFAULT_PARTIES = ['actor:united-states', 'actor:iran'];
  const STANCE_WORDS = {
    DEMANDS: 'demands',
    SUPPORTS: 'supports',
    OPEN_TO: 'open to',
    CONDITIONAL: 'conditional',
    OPPOSES: 'opposes',
    REJECTS: 'rejects',
    UNSPECIFIED: 'unstated',
  };
  /** Surer first, as the API orders them; the rank decides what a floor keeps. */
  const CERTAINTIES = ['CERTAIN', 'PROBABLE', 'POSSIBLE', 'UNDERSPECIFIED'];
  const DEFAULT_CERTAINTY = 'POSSIBLE';
  const CERTAINTY_WORDS = { CERTAIN: 'certain', PROBABLE: 'probable', POSSIBLE: 'possible', UNDERSPECIFIED: 'uncommitted' };
  const atLeast = (certainty, floor) => CERTAINTIES.indexOf(certainty) <= CERTAINTIES.indexOf(floor);
  const FIRMNESS_MARKS = { RED_LINE: '●●●', FIRM: '●●', FLEXIBLE: '●', UNKNOWN: '?' };
  const FIRMNESS_WORDS = { RED_LINE: 'red line', FIRM: 'firm', FLEXIBLE: 'flexible', UNKNOWN: 'firmness not stated' };

  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setState(node, state) {
    node.dataset.state = state;
    node.setAttribute('aria-busy', String(state === 'loading'));
  }

  /** A GraphQL error's message as the API wrote it; the first error speaks for the request. */
  class ApiError extends Error {}

  async function gql(query, variables) {
    let response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ApiError(`The server could not be reached (${error.message}).`);
    }
    let body;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`The server answered ${response.status} without a GraphQL response.`);
    }
    if (body.errors && body.errors.length > 0) throw new ApiError(body.errors.map((e) => e.message).join(' · '));
    if (!body.data) throw new ApiError(`The server answered ${response.status} without data.`);
    return body.data;
  }

  /** Every node of a top-level connection, following its cursors. */
  async function fetchAll(field, selection) {
    const query = `query Explore_${field}($after: String) {
      ${field}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } }
    }`;
    const nodes = [];
    let after = null;
    for (;;) {
      const page = (await gql(query, { after }))[field];
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  function showMessage(text) {
    const box = $('message');
    box.append(el('p', null, text));
    box.hidden = false;
  }

  function clearMessages(prefix) {
    const box = $('message');
    for (const p of [...box.children]) if (p.textContent.startsWith(prefix)) p.remove();
    box.hidden = box.children.length === 0;
  }

  function rowLabel(actor, party, names) {
    return actor.id === party ? names.get(party) : `${names.get(party)} (through ${actor.name})`;
  }

  function buildRows(positions, actors) {
    const names = new Map(actors.map((a) => [a.id, a.name]));
    const rows = new Map();
    for (const position of positions) {
      const actor = position.actor;
      let row = rows.get(actor.id);
      if (!row) {
        const party = actor.party.id;
        const affiliation = actor.affiliations.find((f) => f.role);
        row = { actor, party, label: rowLabel(actor, party, names), role: affiliation?.role ?? null, cells: new Map() };
        rows.set(actor.id, row);
      }
      const cell = row.cells.get(position.issue.id) ?? [];
      cell.push(position);
      row.cells.set(position.issue.id, cell);
    }
    const byParty = new Map();
    for (const row of rows.values()) {
      const list = byParty.get(row.party) ?? [];
      list.push(row);
      byParty.set(row.party, list);
    }
    const groups = [...byParty.entries()].map(([party, list]) => ({
      party,
      name: names.get(party) ?? party,
      rows: list.sort((a, b) => (a.actor.id === party ? -1 : b.actor.id === party ? 1 : a.actor.name.localeCompare(b.actor.name))),
    }));
    return groups.sort((a, b) => a.name.localeCompare(b.name));
  }

  function evidenceId(position) {
    return `ev-${position.id}`;
  }

  /** "probable, by the source (“is likely to”)": how sure, in whose view, on which words; empty when plainly certain. */
  function certaintyNote(factuality) {
    if (factuality.certainty === 'CERTAIN' && !factuality.holder && factuality.polarity === 'POSITIVE') return '';
    const cues = factuality.cues.map((c) => `“${c.exact}”`).join(', ');
    const whose = factuality.holder ? `according to ${factuality.holder.name}` : 'by the source';
    return `${CERTAINTY_WORDS[factuality.certainty]}, ${whose}${cues ? ` (${cues})` : ''}`;
  }

  function positionTitle(position, row, issueName) {
    const conditions = position.conditions.length > 0 ? `in return for ${position.conditions.map((c) => `“${c.name}”`).join(' and ')}` : null;
    const qualifiers = [FIRMNESS_WORDS[position.firmness], position.isPrecondition ? 'precondition' : null, conditions, certaintyNote(position.factuality) || null]
      .filter(Boolean)
      .join('; ');
    return `${row.label} ${STANCE_WORDS[position.stance]} “${issueName}” (${qualifiers})`;
  }

  function drawMap(issues, groups) {
    const issueNames = new Map(issues.map((i) => [i.id, i.name]));
    const head = el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', { scope: 'col', className: 'corner' }, 'Actor \\ issue'),
        issues.map((issue) => el('th', { scope: 'col', 'data-issue': issue.id }, el('span', { className: 'issue-name' }, issue.name), el('span', { className: 'severity' }))),
      ),
    );
    const bodies = groups.map((group) =>
      el(
        'tbody',
        { 'data-party': group.party },
        group.rows.map((row) =>
          el(
            'tr',
            { 'data-actor': row.actor.id },
            el('th', { scope: 'row', title: row.role ? `${row.actor.name}: ${row.role}` : null }, row.label),
            issues.map((issue) => {
              const positions = row.cells.get(issue.id) ?? [];
              return el(
                'td',
                { 'data-issue': issue.id },
                positions.map((p) =>
                  el(
                    'a',
                    {
                      href: `#${evidenceId(p)}`,
                      className: `cell stance-${p.stance} certainty-${p.factuality.certainty}`,
                      'data-position': p.id,
                      'data-certainty': p.factuality.certainty,
                      title: `${positionTitle(p, row, issueNames.get(issue.id))}: ${p.evidence[0]?.exact ?? p.summary}`,
                    },
                    el('span', { className: 'stance' }, STANCE_WORDS[p.stance]),
                    el('span', { className: 'firmness', 'aria-label': FIRMNESS_WORDS[p.firmness] }, FIRMNESS_MARKS[p.firmness]),
                    p.isPrecondition ? el('span', { className: 'precondition', title: 'precondition' }, '⚑') : null,
                    p.factuality.certainty === 'CERTAIN' ? null : el('span', { className: 'certainty' }, CERTAINTY_WORDS[p.factuality.certainty]),
                  ),
                ),
              );
            }),
          ),
        ),
      ),
    );
    const map = $('map');
    map.replaceChildren(el('table', null, head, bodies));
    setState(map, 'ready');
  }

  function drawEvidence(issues, groups) {
    const issueNames = new Map(issues.map((i) => [i.id, i.name]));
    const articles = [];
    for (const group of groups) {
      for (const row of group.rows) {
        for (const issue of issues) {
          for (const p of row.cells.get(issue.id) ?? []) {
            articles.push(
              el(
                'article',
                { id: evidenceId(p), className: `stance-border-${p.stance} certainty-${p.factuality.certainty}`, 'data-certainty': p.factuality.certainty },
                el('h3', null, positionTitle(p, row, issueNames.get(issue.id))),
                el('p', null, p.summary),
                p.factuality.cues.length > 0 ? el('p', { className: 'cues' }, 'How sure: ', certaintyNote(p.factuality)) : null,
                p.evidence.map((e) =>
                  el('figure', null, el('blockquote', null, e.exact), el('figcaption', null, `${e.source.title}, code points ${e.start}–${e.end}`)),
                ),
              ),
            );
          }
        }
      }
    }
    $('evidence').replaceChildren(...articles);
  }

  const BLOCKING_QUERY = `query ExploreBlocking($parties: [ID!], $minCertainty: Certainty) {
    blockingIssues(parties: $parties, minCertainty: $minCertainty) {
      issue { id name } rule rules reasons severity certainty positions { id } evidence { exact }
    }
  }`;

  /** Hides the cells and evidence less sure than the floor; the questions take the same floor. */
  function applyFloor(floor) {
    for (const node of document.querySelectorAll('#map a.cell, #evidence article')) node.hidden = !atLeast(node.dataset.certainty, floor);
  }

  async function drawBlocking(parties, names, floor) {
    const ticket = ++blockingTicket;
    const panel = $('blocking');
    setState(panel, 'loading');
    for (const node of document.querySelectorAll('#map .blocking, #map .conflict')) node.classList.remove('blocking', 'conflict');
    for (const node of document.querySelectorAll('th .severity')) node.textContent = '';
    clearMessages('Blocking issues');
    const pairName = parties.map((id) => names.get(id) ?? id).join(' and ');
    try {
      const { blockingIssues } = await gql(BLOCKING_QUERY, { parties, minCertainty: floor });
      if (ticket !== blockingTicket) return;
      for (const blocking of blockingIssues) {
        for (const node of document.querySelectorAll(`#map [data-issue="${CSS.escape(blocking.issue.id)}"]`)) node.classList.add('blocking');
        const header = document.querySelector(`th[data-issue="${CSS.escape(blocking.issue.id)}"] .severity`);
        if (header) header.textContent = `blocks · severity ${blocking.severity}`;
        for (const p of blocking.positions) {
          for (const node of document.querySelectorAll(`#map [data-position="${CSS.escape(p.id)}"]`)) node.classList.add('conflict');
        }
      }
      panel.replaceChildren(
        el('p', null, blockingIssues.length === 0 ? `Nothing in the source blocks an agreement between ${pairName}.` : `What stands between ${pairName}, most severe first:`),
        ...parties
          .filter((id) => !document.querySelector(`#map tbody[data-party="${CSS.escape(id)}"]`))
          .map((id) => el('p', { className: 'note' }, `${names.get(id) ?? id} holds no position in the source, so no issue can be in conflict with it.`)),
        el(
          'ol',
          { className: 'blocking-list' },
          blockingIssues.map((b) =>
            el(
              'li',
              { 'data-issue': b.issue.id, 'data-certainty': b.certainty, className: `certainty-${b.certainty}` },
              el('strong', null, b.issue.name),
              ` — severity ${b.severity}, ${CERTAINTY_WORDS[b.certainty]} (${b.rules.join(', ').toLowerCase().replaceAll('_', ' ')})`,
              el('ul', null, b.reasons.map((reason) => el('li', null, reason))),
              b.evidence.length > 0 ? el('p', { className: 'quotes' }, b.evidence.map((e) => el('q', null, e.exact))) : null,
            ),
          ),
        ),
      );
      setState(panel, 'ready');
    } catch (error) {
      if (ticket !== blockingTicket) return;
      const text = `Blocking issues for ${pairName} could not be computed: ${error.message}`;
      panel.replaceChildren(el('p', { className: 'error' }, 'No highlight: the API refused this pair (see the message above).'));
      showMessage(text);
      setState(panel, 'error');
    }
  }

  const TIMELINE_QUERY = `query ExploreTimeline($actor: ID, $issue: ID, $minCertainty: Certainty) {
    timeline(actor: $actor, issue: $issue, minCertainty: $minCertainty) {
      position basis dated placement event {
        id title status start { precision iso note }
        factuality { certainty polarity holder { name } cues { exact } }
      }
    }
  }`;

  /** How each kind of placement is drawn: dated, ordered by relations, or only by mention. */
  const PLACEMENT = {
    DATE: { className: 'dated', lead: '' },
    RELATION: { className: 'undated', lead: "Undated, placed by the source's order: " },
    MENTION: { className: 'unplaced', lead: 'Not ordered by the source: ' },
  };

  // Each draw takes a ticket; an answer that arrives after a newer request was made is dropped,
  // so a slow old answer never overwrites (or adds its highlight to) a newer one.
  let blockingTicket = 0;
  let timelineTicket = 0;

  async function drawTimeline(actor, issue, floor) {
    const ticket = ++timelineTicket;
    const list = $('timeline');
    setState(list, 'loading');
    clearMessages('Timeline');
    try {
      const { timeline } = await gql(TIMELINE_QUERY, { actor: actor || null, issue: issue || null, minCertainty: floor });
      if (ticket !== timelineTicket) return;
      list.replaceChildren(
        ...timeline.map((entry) => {
          const { event } = entry;
          const look = PLACEMENT[entry.placement];
          const sure = certaintyNote(event.factuality);
          return el(
            'li',
            { className: `${look.className} certainty-${event.factuality.certainty}`, 'data-event': event.id, 'data-placement': entry.placement, 'data-certainty': event.factuality.certainty },
            el('span', { className: `marker ${look.className}`, 'aria-hidden': 'true' }),
            el('time', event.start.iso ? { datetime: event.start.iso } : null, entry.dated ? event.start.iso : 'undated'),
            ' ',
            el('strong', null, event.title),
            ' ',
            el('span', { className: `status status-${event.status}` }, event.status.toLowerCase().replaceAll('_', ' ')),
            sure ? el('span', { className: 'certainty' }, sure) : null,
            el('p', { className: 'basis' }, `${look.lead}${entry.basis}`),
            !entry.dated && event.start.note ? el('p', { className: 'note' }, `Date: ${event.start.note}`) : null,
          );
        }),
      );
      if (ticket !== timelineTicket) return;
      if (timeline.length === 0) list.replaceChildren(el('li', { className: 'empty' }, 'No events for this choice.'));
      setState(list, 'ready');
    } catch (error) {
      if (ticket !== timelineTicket) return;
      const text = `Timeline could not be drawn: ${error.message}`;
      list.replaceChildren(el('li', { className: 'error' }, text));
      showMessage(text);
      setState(list, 'error');
    }
  }

  /** The floor named by `?certainty=`; an unknown value is said, and the default used. */
  function requestedFloor() {
    const raw = new URLSearchParams(window.location.search).get('certainty');
    if (raw === null || CERTAINTIES.includes(raw)) return raw ?? DEFAULT_CERTAINTY;
    showMessage(`Certainty: "?certainty=${raw}" should be one of ${CERTAINTIES.join(', ')}; showing ${DEFAULT_CERTAINTY} and surer instead.`);
    return DEFAULT_CERTAINTY;
  }

  /** The pair named by `?parties=a,b`; anything but two different ids is said, and the default shown. */
  function requestedParties() {
    const raw = new URLSearchParams(window.location.search).get('parties');
    if (raw === null) return DEFAULT_PARTIES;
    const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 2 && ids[0] !== ids[1]) return ids;
    showMessage(`Parties: "?parties=${raw}" should name two different actors, e.g. ?parties=${DEFAULT_PARTIES.join(',')}; showing ${DEFAULT_PARTIES.join(' and ')} instead.`);
    return DEFAULT_PARTIES;
  }

  function fillSelect(select, options, selected) {
    const known = new Set(options.map((o) => o.id));
    const all = selected && !known.has(selected) ? [{ id: selected, name: `${selected} (not in the map)` }, ...options] : options;
    select.replaceChildren(...all.map((o) => el('option', { value: o.id, selected: o.id === selected }, o.name)));
  }

  async function start() {
    const map = $('map');
    setState(map, 'loading');
    setState($('blocking'), 'loading');
    let issues;
    let positions;
    let actors;
    try {
      [issues, positions, actors] = await Promise.all([
        fetchAll('issues', 'id name'),
        fetchAll(
          'positions',
          'id stance firmness isPrecondition summary issue { id } conditions { id name } factuality { certainty polarity holder { name } cues { exact } } ' +
            'actor { id name party { id } affiliations { role } } evidence { exact start end source { title } }',
        ),
        fetchAll('actors', 'id name'),
      ]);
    } catch (error) {
      const text = `The map could not be drawn: ${error.message}`;
      map.replaceChildren(el('p', { className: 'error' }, text));
      showMessage(text);
      setState(map, 'error');
      setState($('blocking'), 'error');
      setState($('timeline'), 'error');
      return;
    }

    const groups = buildRows(positions, actors);
    drawMap(issues, groups);
    drawEvidence(issues, groups);

    const names = new Map(actors.map((a) => [a.id, a.name]));
    const parties = groups.map((g) => ({ id: g.party, name: g.name }));
    const [a, b] = requestedParties();
    fillSelect($('party-a'), parties, a);
    fillSelect($('party-b'), parties, b);
    const floor = requestedFloor();
    fillSelect($('certainty'), CERTAINTIES.map((c) => ({ id: c, name: c === 'UNDERSPECIFIED' ? 'everything' : `${CERTAINTY_WORDS[c]} or surer` })), floor);
    applyFloor(floor);
    const pair = () => [$('party-a').value, $('party-b').value];
    const timelineChoice = () => [$('timeline-actor').value, $('timeline-issue').value];
    const keepInUrl = (name, value) => {
      const url = new URL(window.location.href);
      url.searchParams.set(name, value);
      window.history.replaceState(null, '', url);
    };
    $('pair').addEventListener('change', () => {
      keepInUrl('parties', pair().join(','));
      void drawBlocking(pair(), names, $('certainty').value);
    });
    $('floor').addEventListener('change', () => {
      const chosen = $('certainty').value;
      keepInUrl('certainty', chosen);
      applyFloor(chosen);
      void drawBlocking(pair(), names, chosen);
      void drawTimeline(...timelineChoice(), chosen);
    });

    fillSelect($('timeline-actor'), [{ id: '', name: 'all' }, ...parties], '');
    fillSelect($('timeline-issue'), [{ id: '', name: 'all' }, ...issues], '');
    $('timeline-filter').addEventListener('change', () => void drawTimeline(...timelineChoice(), $('certainty').value));

    await Promise.all([drawBlocking([a, b], names, floor), drawTimeline('', '', floor)]);

    // A target in the URL (#ev-…) was not in the page when it loaded; a malformed one is ignored.
    if (window.location.hash) {
      try {
        document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
      } catch {
        // Not a percent-encoded id: there is nothing to scroll to.
      }
    }
  }

  void start();
})();
