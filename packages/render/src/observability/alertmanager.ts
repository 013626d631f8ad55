import type { Environment, Platform } from '@strata/model';
import { renderAlertmanagerInhibitions } from '../slo/rules.ts';
import { alertmanagerSecretFile, receiverSecretKeys } from './endpoints.ts';
import { platformSlos } from './rules.ts';

/** Environments named like this page on Discord as well as Slack for critical alerts. */
const productionName = 'prod';

/**
 * Alertmanager's configuration: alerts route by team (the `team` label), then by
 * severity; critical alerts and SLO pages of production also go to Discord, and an
 * SLO's page silences its ticket. Webhook URLs are read
 * from files of the mounted receivers Secret (`*_url_file`, Alertmanager ≥ 0.27), so no
 * URL is ever written to Git.
 */
export function renderAlertmanagerConfig(platform: Platform, environment: Environment): Record<string, unknown> {
  const secret = platform.addons.observability.alerting.secretName;
  const slackUrlFile = alertmanagerSecretFile(secret, receiverSecretKeys.slack);
  const discordUrlFile = alertmanagerSecretFile(secret, receiverSecretKeys.discord);
  const pages = environment.name === productionName;
  const title = `[${environment.name}] {{ .CommonLabels.alertname }}`;
  const slack = (channel: string) => ({ api_url_file: slackUrlFile, channel, send_resolved: true, title });
  const discord = { webhook_url_file: discordUrlFile, send_resolved: true, title };
  const owners = [...platform.teams.map((t) => t.name), 'platform'].filter((name, i, all) => all.indexOf(name) === i);

  const receiversOf = (owner: string) => [
    { name: `${owner}-slack`, slack_configs: [slack(`#alerts-${owner}`)] },
    { name: `${owner}-critical`, slack_configs: [slack(`#alerts-${owner}`)], ...(pages ? { discord_configs: [discord] } : {}) },
  ];
  const routeOf = (owner: string) => ({
    matchers: [`team = "${owner}"`],
    receiver: `${owner}-slack`,
    routes: [
      { matchers: ['severity =~ "critical|page"'], receiver: `${owner}-critical` },
      { matchers: ['severity = "info"'], receiver: 'null' },
    ],
  });
  return {
    global: { resolve_timeout: '5m' },
    inhibit_rules: [
      { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ['namespace', 'alertname'] },
      // Alerts leave Prometheus with its external label `cluster`.
      ...renderAlertmanagerInhibitions(platformSlos(platform), { groupingLabels: ['cluster'] }),
    ],
    route: {
      group_by: ['alertname', 'namespace', 'team', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: pages ? '4h' : '12h',
      // Alerts without a team go to the platform team.
      receiver: 'platform-slack',
      routes: [{ matchers: ['alertname = "Watchdog"'], receiver: 'null' }, ...owners.map(routeOf)],
    },
    receivers: [{ name: 'null' }, ...owners.flatMap(receiversOf)],
  };
}
