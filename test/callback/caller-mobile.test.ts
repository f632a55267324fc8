import { expect } from 'chai';
import { callerMobile } from '../../src/callback/caller-mobile';

describe('callback/callerMobile', () => {
  it('when the caller ID is a mainland mobile, with or without +86, 0086, 86 or a trunk 0, then its 11 digits, masked for logs', () => {
    for (const id of ['13812345678', '+8613812345678', '008613812345678', '8613812345678', '013812345678', '138 1234-5678']) {
      expect(callerMobile(id), id).to.deep.equal({ ok: true, mobile: '13812345678', masked: '138****5678' });
    }
  });

  it('when the caller ID is withheld (none, empty, a word, a SIP URI), then caller_id_withheld and no number', () => {
    for (const id of [undefined, '', '  ', 'anonymous', 'Anonymous', 'unknown', 'Restricted', 'sip:13812345678@trunk', '+']) {
      expect(callerMobile(id), String(id)).to.deep.equal({ ok: false, reason: 'caller_id_withheld' });
    }
  });

  it('when the caller ID is a landline, a foreign number or too short, then caller_id_not_mobile, masked', () => {
    expect(callerMobile('02162345678')).to.deep.equal({ ok: false, reason: 'caller_id_not_mobile', masked: '021****5678' });
    expect(callerMobile('+862162345678')).to.deep.equal({ ok: false, reason: 'caller_id_not_mobile', masked: '021****5678' });
    expect(callerMobile('+12025550123')).to.deep.equal({ ok: false, reason: 'caller_id_not_mobile', masked: '+12****0123' });
    expect(callerMobile('1001')).to.deep.equal({ ok: false, reason: 'caller_id_not_mobile', masked: '****' });
    expect(callerMobile('12812345678')).to.include({ ok: false, reason: 'caller_id_not_mobile' });
  });
});
