"""A certificate authority built at test time (no key material is committed): a root CA, a
signer certificate (digitalSignature + nonRepudiation) and its PKCS#12 bundle; and a SoftHSM2
PKCS#11 token initialised in a temporary folder with that signer's key."""

import datetime
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

PASSWORD = "mat-khau-thu"


@dataclass
class TestCA:
    root_pem: Path  # the trust store: THIDUA_SIGNING_TRUST_ROOTS
    p12: Path  # the signer's key and certificate: THIDUA_SIGNING_PKCS12
    signer_name: str

    @property
    def cert_pem(self) -> Path:  # the signer's certificate alone (PEM)
        return self.p12.with_name("signer.pem")

    @property
    def key_pem(self) -> Path:  # its private key (PKCS#8 PEM, unencrypted: the test's own)
        return self.p12.with_name("signer.key")

    def timestamper(self, at: datetime.datetime):
        """A time-stamping authority of this CA whose tokens say ``at``."""
        from asn1crypto import keys  # noqa: PLC0415 - pyHanko's key type
        from asn1crypto import x509 as asn1_x509  # noqa: PLC0415
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper  # noqa: PLC0415

        folder = self.p12.parent
        return DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load((folder / "tsa.der").read_bytes()),
            tsa_key=keys.PrivateKeyInfo.load((folder / "tsa.key.der").read_bytes()),
            fixed_dt=at,
        )

    def signer(self):
        return signers.SimpleSigner.load_pkcs12(str(self.p12), passphrase=PASSWORD.encode())


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(*, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=not sign_certs,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def build_ca(
    folder: Path,
    *,
    root_name="CA Thử nghiệm Bộ Tư pháp",
    signer="Nguyễn Hải Ninh",
    valid_from: datetime.datetime | None = None,
    valid_to: datetime.datetime | None = None,
):
    """A root CA (valid from 30 days ago) and a signer certificate it issued (valid from
    ``valid_from``, a day ago, to ``valid_to``, in two years), written under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_subject = _name(root_name, "Bộ Tư pháp")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_subject)
        .issuer_name(root_subject)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(sign_certs=True), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(signer, "Bộ Tư pháp"))
        .issuer_name(root_subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from or now - datetime.timedelta(days=1))
        .not_valid_after(valid_to or now + datetime.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign_certs=False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    # A time-stamping authority under the same root (for signatures with a timestamp token).
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko: RSA
    tsa = (
        x509.CertificateBuilder()
        .subject_name(_name("TSA Thử nghiệm", "Bộ Tư pháp"))
        .issuer_name(root_subject)
        .public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now + datetime.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign_certs=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    (folder / "tsa.der").write_bytes(tsa.public_bytes(serialization.Encoding.DER))
    (folder / "tsa.key.der").write_bytes(
        tsa_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    p12 = folder / "signer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [root], serialization.BestAvailableEncryption(PASSWORD.encode())
        )
    )
    (folder / "signer.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "signer.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return TestCA(root_pem=root_pem, p12=p12, signer_name=signer)


def add_text_after_signing(data: bytes) -> bytes:
    """An incremental update that draws text on the first page of a signed PDF."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (Da sua) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def flip_a_signed_byte(data: bytes) -> bytes:
    """The same file with one byte of its signed content changed (same length)."""
    changed = bytearray(data)
    at = changed.index(b"/Type /Page") if b"/Type /Page" in changed else 200
    changed[at + 1] = ord("t") if changed[at + 1] != ord("t") else ord("T")
    return bytes(changed)


# --- A PKCS#11 token: SoftHSM2, initialised at test time with the test CA's key ------------

SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
TOKEN_LABEL = "thidua-thu"
KEY_LABEL = "ky-quyet-dinh"
USER_PIN = "246810"


@dataclass
class SoftToken:
    module: str
    label: str
    key_label: str
    pin: str


def softhsm_missing() -> str:
    """Why SoftHSM2 cannot be used here, or "" when it can."""
    if shutil.which("softhsm2-util") is None:
        return "softhsm2-util is not installed (Debian package softhsm2; bin/test installs it)"
    if not any(Path(module).exists() for module in SOFTHSM_MODULES):
        return f"libsofthsm2.so is in none of {', '.join(SOFTHSM_MODULES)}"
    return ""


def softhsm_token(folder: Path, ca: TestCA) -> SoftToken:
    """A SoftHSM2 token in ``folder`` (SOFTHSM2_CONF must point at ``folder/softhsm2.conf``
    before the library loads) holding the signer's key and certificate of ``ca``."""
    import pkcs11  # noqa: PLC0415 - python-pkcs11 loads only for a token
    from pkcs11 import Attribute, CertificateType, ObjectClass  # noqa: PLC0415

    module = next(m for m in SOFTHSM_MODULES if Path(m).exists())
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}

    def run(*args):
        subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True)

    run("--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", "13579", "--pin", USER_PIN)
    run(
        "--import", str(ca.key_pem), "--token", TOKEN_LABEL,
        "--label", KEY_LABEL, "--id", "01", "--pin", USER_PIN,
    )  # fmt: skip
    cert = x509.load_pem_x509_certificate(ca.cert_pem.read_bytes())
    token = pkcs11.lib(module).get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=USER_PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: KEY_LABEL,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
    return SoftToken(module=module, label=TOKEN_LABEL, key_label=KEY_LABEL, pin=USER_PIN)
