// The keys of `hproc top`, as the help pane (and the README) lists them.

/** One line per key of the help pane, key first. */
export const HELP_LINES: readonly string[] = [
  'Moving',
  '  ↑ ↓  j k         move the selection',
  '  PgUp PgDn        a screen up or down',
  '  Home End  g G    first or last row',
  'The table',
  '  /                filter by id, region, status or host',
  '                   (Enter keeps the filter, Esc clears it)',
  '  s                sort by the next column:',
  '                   created, cpu, memory, rooms, region, status',
  '  S                reverse the order',
  '  a                active statuses or all of them',
  '  w                whole ids in the table, or their shortest unique prefix',
  '  i                the selected whole id alone, for copying',
  'Panes of the selected process',
  '  Enter            detail (what hproc show prints), scrollable',
  '  l                logs, following, with reconnect markers',
  '  m                metrics with sparklines (last 30 minutes)',
  '  r                active rooms',
  '  Ctrl-K           stop it; asks first, naming its rooms and players',
  'Leaving',
  '  q  Esc           leave a pane; in the table, quit',
  '  Ctrl-C           quit from anywhere',
  '  Ctrl-L           redraw the screen',
  '  ?                this help',
];
