import { expect } from 'chai';
import fc from 'fast-check';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { decodeAnswer, decodeForm, encodeAnswer, encodeForm } from '../../../src/acquirer/acp/form-codec';

const fieldName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/);
const base64ish = fc.stringMatching(/^[A-Za-z0-9+/]{0,40}={0,2}$/);
const anyValue = fc.oneof(base64ish, fc.string({ maxLength: 40, unit: 'grapheme' }));

describe('ACP body codecs', () => {
  describe('form (requests and notifications)', () => {
    it('when base64 values with +, / and = are encoded, then they are percent-encoded and decode back exactly', () => {
      const body = encodeForm({ signature: 'ab+c/d==', accNo: 'x y' });
      expect(body).to.equal('signature=ab%2Bc%2Fd%3D%3D&accNo=x+y');
      expect(decodeForm(body)).to.deep.equal({ signature: 'ab+c/d==', accNo: 'x y' });
    });

    it('when any fields are encoded, then decoding gives exactly the same fields', () => {
      fc.assert(
        fc.property(fc.dictionary(fieldName, anyValue, { maxKeys: 10 }), (fields) => {
          expect(decodeForm(encodeForm(fields))).to.deep.equal(fields);
        }),
      );
    });

    it('when a key appears twice or is not an ACP name, then decoding is refused as acp_malformed', () => {
      expect(() => decodeForm('txnAmt=1&txnAmt=2'))
        .to.throw(AcpError, /txnAmt appears twice/)
        .with.property('code', 'acp_malformed');
      for (const body of ['__proto__=1', 'a-b=1']) {
        expect(() => decodeForm(body), body)
          .to.throw(AcpError, /field name/)
          .with.property('code', 'acp_malformed');
      }
    });
  });

  describe('answer (the synchronous reply, not url-encoded)', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB+/x=\n-----END CERTIFICATE-----';

    it('when a raw answer carries base64, a PEM certificate and a {…} group with & inside, then each value is read as is', () => {
      const body = `respCode=00&signature=ab+c/d==&signPubKeyCert=${cert}&customerInfo={phoneNo=1&smsCode=2}&respMsg=成功[0000000]`;
      expect(decodeAnswer(body)).to.deep.equal({
        respCode: '00',
        signature: 'ab+c/d==',
        signPubKeyCert: cert,
        customerInfo: '{phoneNo=1&smsCode=2}',
        respMsg: '成功[0000000]',
      });
    });

    it('when any fields without stray & or brackets are encoded, then decoding gives exactly the same fields', () => {
      const value = fc.oneof(
        base64ish,
        fc.string({ maxLength: 40 }).filter((v) => !/[&{}[\]]/.test(v)),
      );
      fc.assert(
        fc.property(fc.dictionary(fieldName, value, { maxKeys: 10 }), (fields) => {
          expect(decodeAnswer(encodeAnswer(fields))).to.deep.equal(fields);
        }),
      );
    });

    it('when square brackets hold an &, or a stray closing bracket comes before one, then only a top-level & splits', () => {
      expect(decodeAnswer('respMsg=x[a&b]&respCode=00')).to.deep.equal({ respMsg: 'x[a&b]', respCode: '00' });
      expect(decodeAnswer('respMsg=[x]&respCode=00')).to.deep.equal({ respMsg: '[x]', respCode: '00' });
      expect(decodeAnswer('respMsg=a}&respCode=00')).to.deep.equal({ respMsg: 'a}', respCode: '00' });
      expect(decodeAnswer('respMsg=a]&respCode=00')).to.deep.equal({ respMsg: 'a]', respCode: '00' });
    });

    it('when a value would not survive unencoded, then encoding is refused', () => {
      expect(() => encodeAnswer({ respMsg: 'a&b=c' }))
        .to.throw(AcpError, /unencoded/)
        .with.property('code', 'acp_field_invalid');
      expect(() => encodeAnswer({ respMsg: 'unclosed {', respCode: '00' })).to.throw(AcpError);
    });

    it('when a pair has no name or no "=", or a key repeats, then decoding is refused', () => {
      for (const body of ['=1', 'respCode']) {
        expect(() => decodeAnswer(body), body)
          .to.throw(AcpError, /name or "="/)
          .with.property('code', 'acp_malformed');
      }
      expect(() => decodeAnswer('a=1&a=1')).to.throw(AcpError);
    });

    it('when the body is empty, then there are no fields', () => {
      expect(decodeAnswer('')).to.deep.equal({});
    });
  });
});
