/**
 * HAProxy in front of the service processes: round robin, each process checked on /readyz every
 * `checkMs` and taken out after two failed checks (in again after two good ones). A request whose
 * connection is refused is sent to another process (`retries`, `option redispatch`), so a process that
 * died takes only the requests it was working on with it.
 */
export interface BalancerLayout {
  port: number;
  statsPort: number;
  checkMs: number;
  services: { name: string; port: number }[];
}

export function haproxyConfig(layout: BalancerLayout): string {
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option http-keep-alive',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-request 10s',
    '  retries 2',
    '  option redispatch',
    '',
    'frontend services',
    `  bind 127.0.0.1:${layout.port}`,
    '  default_backend services',
    '',
    'backend services',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    `  default-server inter ${layout.checkMs} fastinter ${layout.checkMs} downinter ${layout.checkMs} fall 2 rise 2`,
    ...layout.services.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
    '# the state of every service process, as a page and as CSV (`/;csv`)',
    'listen stats',
    `  bind 127.0.0.1:${layout.statsPort}`,
    '  stats enable',
    '  stats uri /',
    '',
  ].join('\n');
}
