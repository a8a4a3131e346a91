"""pyHanko's signer and in-process timestamper with their keys parsed once (issue 16).

pyHanko's ``SimpleSigner.sign_raw`` and ``DummyTimeStamper._sign_tst_info`` parse the DER private key on every
signature: five times per dossier (the signature, its timestamp and the document timestamp, plus the size
estimates).  These subclasses parse it once, when made, and sign exactly as pyHanko does (same padding, same
hash, same signed attributes), so the dossier's signature format is unchanged; mechanisms other than ECDSA
and RSA PKCS#1 v1.5 go to pyHanko's own code.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from asn1crypto import cms, core, keys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign import general
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

_VALIDATED: set[bytes] = set()  # SHA-256 of each RSA key this process loaded with OpenSSL's full check


def _rsa(key: keys.PrivateKeyInfo) -> RSAPrivateKey | None:
    """The key, when RSA.  OpenSSL's consistency check of an RSA private key (primes, CRT values: ~110 ms for
    the TSA's 3072-bit key) runs the first time this process loads these exact bytes; the same bytes loaded
    again were checked already (the key comes from an envelope an insider could write to, so it is checked, but
    checking identical bytes twice finds nothing new).  Only a digest of the key is remembered, never the key."""
    der = key.dump()
    digest = hashlib.sha256(der).digest()
    loaded = serialization.load_der_private_key(der, password=None, unsafe_skip_rsa_key_validation=digest in _VALIDATED)
    if not isinstance(loaded, RSAPrivateKey):
        return None
    _VALIDATED.add(digest)
    return loaded


class Signer(SimpleSigner):
    """``SimpleSigner`` whose key (the clerk's P-256 key; RSA too) is parsed once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key = serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            name = mechanism.signature_algo
        except ValueError:
            name = mechanism["algorithm"].native
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        # As SimpleSigner.sign_raw for these two mechanisms; any other goes to pyHanko's own code.
        if name == "ecdsa" and isinstance(self._key, EllipticCurvePrivateKey):
            return self._key.sign(data, signature_algorithm=ECDSA(hash_algo))
        if name == "rsassa_pkcs1v15" and isinstance(self._key, RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_algo)
        return super().sign_raw(data, digest_algorithm)


class TimeStamper(DummyTimeStamper):
    """pyHanko's in-process TSA (see app.dossier.longterm.timestamper) whose RSA key is parsed once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rsa = _rsa(self.tsa_key)

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: datetime) -> tuple[bytes, cms.CMSAttributes]:
        if self._rsa is None:
            return super()._sign_tst_info(tst_info_data, md_algorithm, dt)
        # As DummyTimeStamper._sign_tst_info (pyHanko 0.38), with the key already parsed.
        md = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        md.update(tst_info_data)
        attribute: Any = simple_cms_attribute  # untyped in pyHanko
        signed_attrs = cms.CMSAttributes(
            [
                attribute("content_type", "tst_info"),
                attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                attribute("signing_certificate", general.as_signing_certificate(self.tsa_cert)),
                attribute("message_digest", md.finalize()),
            ]
        )
        signature = self._rsa.sign(signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper()))
        return signature, signed_attrs
