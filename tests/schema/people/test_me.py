"""Self-service for the ALUMNUS role: profile, data-access export, contact data, consents."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api

ME = "{ me { externalId name email phone consentContact consentDirectory } }"
MY_DATA = "{ myData }"
UPDATE_CONTACT = """
mutation($input: UpdateMyContactInput!) {
  updateMyContact(input: $input) { alumnus { email phone } userErrors { field code message } }
}
"""
SET_CONSENT = """
mutation($input: SetMyConsentInput!) {
  setMyConsent(input: $input) { alumnus { consentContact consentDirectory } userErrors { code } }
}
"""
ALUMNI = "{ alumni(first: 10, orderBy: EXTERNAL_ID) { nodes { externalId email } } }"


async def given_two_alumni(db: Database) -> None:
    await db.write_rows(
        """
        CREATE (a:Alumnus {id: 'me', externalId: 'S1', name: '张伟', email: 'zw@example.com',
                           phone: '13800138000', consentContact: false, consentDirectory: false})
        CREATE (b:Alumnus {id: 'other', externalId: 'S2', name: '李娜', email: 'ln@example.com',
                           consentContact: true, consentDirectory: true})
        CREATE (c:Alumnus {id: 'hidden', externalId: 'S3', name: '王芳', consentDirectory: false})
        CREATE (k:Class {id: 'k', code: 'CS-2010', name: '计算机2010级'})
        CREATE (a)-[:STUDIED_IN]->(k)
        CREATE (f:Fund {id: 'f', code: 'F1', name: '发展基金'})
        CREATE (:Donation {id: 'd', receiptNo: 'R1', kind: 'GIFT', amount: '100.00', currency: 'CNY',
                           amountCny: '100.00', date: date('2025-05-01')})-[:FROM]->(a)
        """
    )
    await db.write_rows("MATCH (d:Donation {id: 'd'}), (f:Fund {id: 'f'}) CREATE (d)-[:TO]->(f)")


async def test_me_shows_own_contact_details_even_without_consent(api: Api, db: Database) -> None:
    # given
    await given_two_alumni(db)
    # when
    data = await api.data(ME, role=Role.ALUMNUS, alumnus="me")
    # then
    assert data["me"] == {
        "externalId": "S1",
        "name": "张伟",
        "email": "zw@example.com",
        "phone": "13800138000",
        "consentContact": False,
        "consentDirectory": False,
    }


async def test_an_alumnus_sees_self_and_the_consenting_directory_without_contacts(
    api: Api, db: Database
) -> None:
    # given
    await given_two_alumni(db)
    # when
    data = await api.data(ALUMNI, role=Role.ALUMNUS, alumnus="me")
    # then: S3 did not consent to the directory; S2 is listed but their email is out of scope
    assert data["alumni"]["nodes"] == [
        {"externalId": "S1", "email": "zw@example.com"},
        {"externalId": "S2", "email": None},
    ]


async def test_my_data_exports_everything_stored(api: Api, db: Database) -> None:
    # given
    await given_two_alumni(db)
    # when
    data = (await api.data(MY_DATA, role=Role.ALUMNUS, alumnus="me"))["myData"]
    # then
    assert data["profile"]["externalId"] == "S1"
    assert data["profile"]["phone"] == "13800138000"
    assert {
        "type": "STUDIED_IN",
        "outgoing": True,
        "label": "Class",
        "key": "CS-2010",
        "name": "计算机2010级",
        "props": {},
    } in data["relationships"]
    assert data["donations"] == [
        {
            "receiptNo": "R1",
            "kind": "GIFT",
            "amount": "100.00",
            "currency": "CNY",
            "amountCny": "100.00",
            "date": "2025-05-01",
            "fund": "F1",
        }
    ]


async def test_update_my_contact_validates_normalises_and_audits(api: Api, db: Database) -> None:
    # given
    await given_two_alumni(db)
    # when
    bad = await api.data(UPDATE_CONTACT, {"input": {"email": "nope"}}, role=Role.ALUMNUS, alumnus="me")
    good = await api.data(
        UPDATE_CONTACT,
        {"input": {"email": " New@Example.com ", "phone": ""}},
        role=Role.ALUMNUS,
        alumnus="me",
    )
    # then
    assert bad["updateMyContact"]["userErrors"][0]["field"] == ["input", "email"]
    assert good["updateMyContact"] == {
        "alumnus": {"email": "new@example.com", "phone": None},
        "userErrors": [],
    }
    audit = await db.read_rows("MATCH (e:AuditEntry {operation: 'updateMyContact'}) RETURN e.changes AS c")
    assert len(audit) == 1
    assert "new@example.com" not in audit[0]["c"]


async def test_withdrawing_consent_hides_contact_details_from_officers(api: Api, db: Database) -> None:
    # given S2 consented and studied in a CS class seen by the CS officer
    await given_two_alumni(db)
    await db.write_rows(
        "MATCH (b:Alumnus {id: 'other'}) CREATE (c:College {id: 'cs', code: 'CS', name: 'CS'})"
        " CREATE (k:Class {id: 'k2', code: 'CS-2012', name: 'x'})-[:OF_COLLEGE]->(c)"
        " CREATE (b)-[:STUDIED_IN]->(k)"
    )
    query = '{ alumni(first: 5, filter: {name: "李娜"}) { nodes { email } } }'
    before = await api.data(query, role=Role.COLLEGE_OFFICER, college="CS")
    # when
    changed = await api.data(
        SET_CONSENT, {"input": {"consentContact": False}}, role=Role.ALUMNUS, alumnus="other"
    )
    after = await api.data(query, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert before["alumni"]["nodes"] == [{"email": "ln@example.com"}]
    assert changed["setMyConsent"]["alumnus"] == {"consentContact": False, "consentDirectory": True}
    assert after["alumni"]["nodes"] == [{"email": None}]


async def test_self_service_is_for_alumni_tokens_only(api: Api) -> None:
    # when
    body = await api.post(ME, role=Role.ADMIN)
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
