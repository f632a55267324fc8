import { expect } from 'chai';
import { maskDatabaseUrl, postgresSandboxUrl } from '../../src/config/postgres-sandbox';

describe('config/postgres-sandbox', () => {
  it('when built, then the URL names user and database ivrpay on 127.0.0.1 at the given port', () => {
    expect(postgresSandboxUrl(54329, 'Secret_pw-1')).to.equal('postgres://ivrpay:Secret_pw-1@127.0.0.1:54329/ivrpay');
  });

  it('when the password holds URL characters, then they are encoded and decode back to the password', () => {
    const password = 'a/b@c:d%e f?#';
    const url = new URL(postgresSandboxUrl(5000, password));
    expect(decodeURIComponent(url.password)).to.equal(password);
    expect(url.host).to.equal('127.0.0.1:5000');
    expect(url.pathname).to.equal('/ivrpay');
  });

  it('when masked, then the password is replaced by *** and the rest is kept', () => {
    const masked = maskDatabaseUrl(postgresSandboxUrl(54329, 'a/b@c:d%e f'));
    expect(masked).to.equal('postgres://ivrpay:***@127.0.0.1:54329/ivrpay');
  });

  it('when a URL has no password, then masking leaves it as it is', () => {
    expect(maskDatabaseUrl('postgres://ivrpay@db.example:5432/ivrpay')).to.equal('postgres://ivrpay@db.example:5432/ivrpay');
  });
});
