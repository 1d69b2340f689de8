"""Inline ownership XML for the rule tests: a good Form 4 and small changes to it."""

from __future__ import annotations

from section16.model import Filing
from section16.parse import read_filing

TX = """
    <nonDerivativeTransaction>
      <securityTitle><value>Common Stock</value></securityTitle>
      <transactionDate><value>{date}</value></transactionDate>
      {deemed}
      <transactionCoding><transactionFormType>4</transactionFormType>
        <transactionCode>{code}</transactionCode><equitySwapInvolved>0</equitySwapInvolved>
        {coding_note}</transactionCoding>
      <transactionAmounts>
        <transactionShares><value>{shares}</value></transactionShares>
        <transactionPricePerShare><value>{price}</value></transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>{ad}</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <postTransactionAmounts>
        <sharesOwnedFollowingTransaction><value>{after}</value></sharesOwnedFollowingTransaction>
      </postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>{di}</value></directOrIndirectOwnership>{nature}
      </ownershipNature>
    </nonDerivativeTransaction>"""


def tx(
    *,
    date: str = "2023-12-08",
    code: str = "S",
    shares: str = "100",
    price: str = "10.50",
    ad: str = "D",
    after: str = "900",
    di: str = "D",
    nature: str = "",
    deemed: str = "",
    coding_note: str = "",
) -> str:
    """One Table I transaction row."""
    return TX.format(
        date=date,
        code=code,
        shares=shares,
        price=price,
        ad=ad,
        after=after,
        di=di,
        nature=f"<natureOfOwnership><value>{nature}</value></natureOfOwnership>" if nature else "",
        deemed=f"<deemedExecutionDate><value>{deemed}</value></deemedExecutionDate>" if deemed else "",
        coding_note=coding_note,
    )


def document(
    *,
    form: str = "4",
    version: str = "X0508",
    period: str = "2023-12-08",
    aff: str | None = "<aff10b5One>0</aff10b5One>",
    rows: str | None = None,
    derivative: str = "",
    footnotes: str = "",
    signed: str = "2023-12-12",
    owners: int = 1,
    extra_top: str = "",
    issuer_cik: str = "0000002488",
) -> bytes:
    """A whole ownership document; the defaults make a clean Form 4."""
    owner = """
  <reportingOwner>
    <reportingOwnerId><rptOwnerCik>00012345{n:02d}</rptOwnerCik>
      <rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId>
    <reportingOwnerRelationship><isOfficer>1</isOfficer><officerTitle>CFO</officerTitle></reportingOwnerRelationship>
  </reportingOwner>"""
    table = tx() if rows is None else rows
    text = f"""<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>{version}</schemaVersion>
  <documentType>{form}</documentType>
  <periodOfReport>{period}</periodOfReport>
  {extra_top}
  <issuer><issuerCik>{issuer_cik}</issuerCik><issuerName>ACME Corp</issuerName>
    <issuerTradingSymbol>ACME</issuerTradingSymbol></issuer>
  {"".join(owner.format(n=n) for n in range(owners))}
  {aff or ""}
  <nonDerivativeTable>{table}</nonDerivativeTable>
  {derivative}
  <footnotes>{footnotes}</footnotes>
  <ownerSignature><signatureName>/s/ Jane Doe</signatureName>
    <signatureDate>{signed}</signatureDate></ownerSignature>
</ownershipDocument>
"""
    return text.encode()


def filing(data: bytes | None = None, name: str = "0000002488-23-000088.xml", **kwargs: object) -> Filing:
    """A Filing read from inline XML (``document(**kwargs)`` when no bytes are given)."""
    return read_filing(data if data is not None else document(**kwargs), name=name)  # type: ignore[arg-type]


def submission(xml: bytes, *, accepted: str, fiscal_year_end: str = "1231", form: str = "4") -> bytes:
    """A complete submission (.txt) around ``xml`` with an acceptance date-time ``YYYYMMDDhhmmss``."""
    return f"""<SEC-DOCUMENT>0000002488-23-000088.txt : 20231212
<SEC-HEADER>0000002488-23-000088.hdr.sgml : 20231212
<ACCEPTANCE-DATETIME>{accepted}
ACCESSION NUMBER:		0000002488-23-000088
CONFORMED SUBMISSION TYPE:	{form}
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	20231208
FILED AS OF DATE:		{accepted[:8]}

ISSUER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			ACME CORP
		CENTRAL INDEX KEY:			0000002488
		FISCAL YEAR END:			{fiscal_year_end}

</SEC-HEADER>
<DOCUMENT>
<TYPE>{form}
<SEQUENCE>1
<FILENAME>wf-form4.xml
<TEXT>
<XML>
{xml.decode()}
</XML>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()
