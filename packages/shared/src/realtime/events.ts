import { z } from 'zod';

/** The live-data namespace every wall and console connects to. */
export const LIVE_NAMESPACE = '/live';

/** Sent every few seconds so a screen can show data age, spot a dead link and its own clock skew. */
export const systemTickSchema = z.object({
  serverTime: z.iso.datetime({ offset: true }),
  uptimeSeconds: z.number().nonnegative(),
});
export type SystemTick = z.infer<typeof systemTickSchema>;

/** Server-to-client events, defined once for the gateway and the web client. */
export interface ServerToClientEvents {
  system: (tick: SystemTick) => void;
}

/** Client-to-server events. */
export interface ClientToServerEvents {
  ping: (ack: (serverTime: string) => void) => void;
}
