import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@mekong-ioc/shared';

/** What the handshake authentication leaves on a socket. */
export interface LiveSocketData {
  userId: string;
  username: string;
  role: Role;
  agencyId: string | null;
  /** The wall display holding the connection, when a display (not a person) does. */
  displayId: string | null;
}

/** The room each wall display's sockets are in, so revoking the display can cut them on every instance. */
export const wallDisplayRoom = (displayId: string): string => `wall-display:${displayId}`;

// Instances talk through the Socket.IO adapter only by broadcasting; no server-to-server events.
type NoInterServerEvents = Record<string, never>;

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, LiveSocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, LiveSocketData>;
