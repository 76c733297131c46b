import type { LiveAckAlertAnswer, LiveAckAlertRequest } from '@mekong-ioc/shared';
import { LiveClient, type LiveSocket } from './live-client';

/** A socket whose `alert:ack` answers are scripted: an Error is an attempt that heard nothing back in time. */
function scriptedSocket(answers: (LiveAckAlertAnswer | Error)[]) {
  const sent: unknown[] = [];
  const socket = {
    on: () => socket,
    disconnect: () => socket,
    timeout: () => ({
      emitWithAck: async (event: string, request: unknown) => {
        sent.push({ event, request });
        const answer = answers.shift() ?? new Error('operation has timed out');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    }),
  };
  return { socket: socket as unknown as LiveSocket, sent };
}

describe('LiveClient.acknowledgeAlert', () => {
  const request: LiveAckAlertRequest = {
    alertId: '0b6c1f0e-6f4a-4d8e-9a57-3c1f2e4d5a6b',
    comment: 'Đã liên hệ trạm',
    opId: '6a1f9c2e-8b3d-4e5f-a617-2b3c4d5e6f70',
  };
  const refused: LiveAckAlertAnswer = { ok: false, code: 'ALERT_ALREADY_ACKNOWLEDGED', message: 'Someone has already acknowledged this alert.' };

  it('resends an unanswered acknowledgement with the same opId and returns the first answer', async () => {
    const { socket, sent } = scriptedSocket([new Error('operation has timed out'), refused]);
    const client = new LiveClient({ accessToken: () => 'token', socketFactory: () => socket });
    client.connect();
    await expect(client.acknowledgeAlert(request)).resolves.toEqual(refused);
    expect(sent).toEqual([
      { event: 'alert:ack', request },
      { event: 'alert:ack', request },
    ]);
  });

  it('gives up after three unanswered attempts, and without a connection sends nothing', async () => {
    const { socket, sent } = scriptedSocket([]);
    const client = new LiveClient({ accessToken: () => 'token', socketFactory: () => socket });
    await expect(client.acknowledgeAlert(request)).rejects.toThrow('closed');
    client.connect();
    await expect(client.acknowledgeAlert(request)).rejects.toThrow('timed out');
    expect(sent).toHaveLength(3);
  });
});
