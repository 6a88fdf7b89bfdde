/** Ports of the e2e stack, apart from the dev defaults so both can run at once. */
export const e2ePorts = {
  web: Number(process.env.E2E_WEB_PORT ?? 3200),
  realtime: Number(process.env.E2E_REALTIME_PORT ?? 3201),
};
