// Apps, deployments and builds as the API shows them (A1, A2, D1, D2). Field sets follow what the
// official SDK requires, so its validation passes on every object.
import type { AppState, BuildState, ContainerPortState, DeploymentState } from './model.js';

const iso = (ms: number): string => new Date(ms).toISOString();

function containerPort(port: ContainerPortState): ContainerPortState {
  return { transportType: port.transportType, port: port.port, name: port.name };
}

/** The `Application` wire object (A2). */
export function applicationView(app: AppState): Record<string, unknown> {
  return {
    deletedBy: null,
    deletedAt: null,
    createdAt: iso(app.createdAt),
    createdBy: app.createdBy,
    orgId: app.orgId,
    serviceConfig: app.serviceConfig === null ? null : structuredClone(app.serviceConfig),
    authConfiguration: {},
    appSecret: app.appSecret,
    appId: app.appId,
    appName: app.appName,
  };
}

/** An `ApplicationWithLatestDeploymentAndBuild` (A1 item): the app plus its newest deployment, if any. */
export function applicationWithLatestDeploymentView(app: AppState): Record<string, unknown> {
  const latest = app.deployments.at(-1);
  const view = applicationView(app);
  if (latest !== undefined) view['deployment'] = { ...deploymentV3View(latest), build: buildV3View(app, latest.build) };
  return view;
}

/** The `DeploymentV3` wire object (D1, D2). */
export function deploymentV3View(d: DeploymentState): Record<string, unknown> {
  return {
    ...(d.fleetId === undefined ? {} : { fleetId: d.fleetId }),
    ...(d.deploymentTag === undefined ? {} : { deploymentTag: d.deploymentTag }),
    idleTimeoutEnabled: d.idleTimeoutEnabled,
    env: d.env.map((entry) => ({ value: entry.value, name: entry.name })),
    roomsPerProcess: d.roomsPerProcess,
    additionalContainerPorts: d.additionalContainerPorts.map(containerPort),
    defaultContainerPort: containerPort(d.defaultContainerPort),
    createdAt: iso(d.createdAt),
    createdBy: d.createdBy,
    requestedMemoryMB: d.requestedMemoryMB,
    requestedCPU: d.requestedCPU,
    deploymentId: d.deploymentId,
    ...(d.build.buildTag === undefined ? {} : { buildTag: d.build.buildTag }),
    buildId: d.build.buildId,
    appId: d.appId,
  };
}

/** The `BuildV3` wire object embedded in A1 items. */
export function buildV3View(app: AppState, build: BuildState): Record<string, unknown> {
  return {
    ...(build.buildTag === undefined ? {} : { buildTag: build.buildTag }),
    imageSize: build.imageSize,
    status: 'succeeded',
    deletedAt: null,
    finishedAt: iso(build.finishedAt),
    startedAt: iso(build.startedAt),
    createdAt: iso(build.createdAt),
    createdBy: build.createdBy,
    buildId: build.buildId,
    orgId: app.orgId,
  };
}
