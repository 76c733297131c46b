import { pairingCredentialOf } from './wall-pairing.util';

const CREDENTIAL = `miocw_AbCdE12345_${'x'.repeat(43)}`;

describe('pairingCredentialOf', () => {
  it('reads a well-formed credential from the /wall fragment', () => {
    expect(pairingCredentialOf({ pathname: '/wall', hash: `#device=${CREDENTIAL}` })).toBe(CREDENTIAL);
  });

  it('ignores other paths, other fragments and malformed credentials', () => {
    expect(pairingCredentialOf({ pathname: '/dispatch', hash: `#device=${CREDENTIAL}` })).toBeNull();
    expect(pairingCredentialOf({ pathname: '/wall', hash: '' })).toBeNull();
    expect(pairingCredentialOf({ pathname: '/wall', hash: '#device=miocw_short_x' })).toBeNull();
    expect(pairingCredentialOf({ pathname: '/wall', hash: `#other=${CREDENTIAL}` })).toBeNull();
  });
});
