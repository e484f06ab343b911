"""The explorer in a real headless Chromium against the real server and the demo bundle.

Each test is one person's use of one view; screenshots of every view go to out/screenshots/.
The module's last test checks that no request of any test left this machine.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from playwright.async_api import Page, expect

from api.auth import TokenRequest, issue
from graph.core.names import name_search_fields
from schema.core.permissions import Role
from tests.explorer.conftest import Requests, Server, demo_rows, shot, sign_in

ALUMNI = {row["external_id"]: row for row in demo_rows("alumni.csv")}


def digits(phone: str) -> str:
    """The last 11 digits of a phone number, however it is written."""
    return re.sub(r"\D", "", phone)[-11:]


def a_zhang() -> dict[str, str]:
    """An alumnus surnamed 张, with a current job, whose full pinyin is shared by no one else."""
    pinyins = Counter(name_search_fields(a["name"])[0].split(" ")[0] for a in ALUMNI.values())
    working = {e["external_id"] for e in demo_rows("employment.csv") if not e["end_year"]}
    for a in ALUMNI.values():
        unique = pinyins[name_search_fields(a["name"])[0].split(" ")[0]] == 1
        if a["name"].startswith("张") and unique and a["external_id"] in working:
            return a
    raise AssertionError("the demo has no uniquely spelled 张")


async def test_sign_in_shows_the_role_and_sign_out_forgets_the_token(page: Page, server: Server) -> None:
    # given
    await page.goto(f"{server.base}/explore/")
    await shot(page, "1-sign-in")
    # when
    await sign_in(page, server, server.token(Role.ADMIN))
    # then
    await expect(page.locator("#scope")).to_contain_text("管理员")
    assert await page.evaluate("sessionStorage.length") == 1
    assert await page.evaluate("localStorage.length") == 0
    # when
    await page.click("#signout")
    # then
    await expect(page.locator("#token")).to_be_visible()
    assert await page.evaluate("sessionStorage.length") == 0


async def test_a_bad_or_expired_token_is_refused_readably(page: Page, server: Server) -> None:
    # given
    expired = issue(server.settings, TokenRequest(role=Role.ADMIN, subject="e2e-old", days=-1))
    await page.goto(f"{server.base}/explore/")
    # when
    await page.fill("#token", "not a token")
    await page.click("button[type=submit]")
    # then
    await expect(page.locator(".error")).to_contain_text("不是有效的令牌")
    # when
    await page.fill("#token", expired)
    await page.click("button[type=submit]")
    # then
    await expect(page.locator(".error")).to_contain_text("登录已失效")
    assert await page.evaluate("sessionStorage.length") == 0


async def test_a_token_that_expires_mid_session_goes_back_to_sign_in(page: Page, server: Server) -> None:
    # given
    await sign_in(page, server, server.token(Role.ADMIN))
    expired = issue(server.settings, TokenRequest(role=Role.ADMIN, subject="e2e-old", days=-1))
    await page.evaluate("t => sessionStorage.setItem('alumni-graph.token', t)", expired)
    # when
    await page.fill("#search", "张伟")
    # then
    await expect(page.locator("#token")).to_be_visible()
    await expect(page.locator(".error")).to_contain_text("登录已失效")
    assert await page.evaluate("sessionStorage.length") == 0


async def test_search_finds_chinese_and_pinyin_as_you_type(page: Page, server: Server) -> None:
    # given
    zhang = a_zhang()
    await sign_in(page, server, server.token(Role.ADMIN))
    # when
    await page.fill("#search", "张")
    # then
    names = page.locator("#search-results .hit-name")
    await expect(names.first).to_be_visible()
    assert all(n.startswith("张") or "张" in n for n in await names.all_inner_texts())
    # when
    await page.fill("#search", name_search_fields(zhang["name"])[0].split(" ")[0])
    # then
    await expect(page.locator("#search-results .hit", has_text=zhang["external_id"])).to_contain_text(
        zhang["name"]
    )
    # when: the initials
    await page.fill("#search", name_search_fields(zhang["name"])[1])
    # then
    await expect(page.locator("#search-results .hit-name").first).to_be_visible()


async def test_open_a_node_draw_its_network_and_expand_it(page: Page, server: Server) -> None:
    # given
    zhang = a_zhang()
    await sign_in(page, server, server.token(Role.ADMIN))
    await page.fill("#search", name_search_fields(zhang["name"])[0].split(" ")[0])
    # when
    await page.locator("#search-results .hit", has_text=zhang["external_id"]).click()
    # then
    await expect(page.locator("#detail-name")).to_have_text(zhang["name"])
    await expect(page.locator(".status")).to_contain_text("个节点")
    before = int(re.findall(r"共 (\d+) 个节点", await page.locator(".status").inner_text())[0])
    assert before > 1
    await expect(page.locator(".rels input[type=checkbox]").first).to_be_visible()
    # when: the relationship filter hides a type and shows it again
    shown = page.locator("#shown")
    everything = await shown.inner_text()
    studied = page.locator(".rels input[value=STUDIED_IN]")
    await studied.uncheck()
    await expect(shown).not_to_have_text(everything)
    await studied.check()
    await expect(shown).to_have_text(everything)
    # when: a neighbour (their company) is opened from the side panel, which expands it
    neighbour = page.locator(".panel .node-link").first
    name = await neighbour.inner_text()
    await neighbour.click()
    # then
    await expect(page.locator(".status")).to_contain_text("已展开")
    await expect(page.locator("#detail-name")).to_have_text(name)
    after = int(re.findall(r"共 (\d+) 个节点", await page.locator(".status").inner_text())[0])
    assert after >= before
    # when: the keyboard opens a node from the node list
    await page.locator("#node-list summary").press("Enter")
    item = page.locator("#node-list .node-link").nth(1)
    label = await item.inner_text()
    await item.focus()
    await page.keyboard.press("Enter")
    # then
    await expect(page.locator("#detail-name")).to_have_text(label.split("：", 1)[1])
    await shot(page, "2-network")
    # when: phone width
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.click("#recenter")
    await expect(page.locator(".status")).to_contain_text("个节点")
    await shot(page, "2-network-phone")
    await page.set_viewport_size({"width": 1366, "height": 860})


async def test_an_introduction_path_is_drawn_with_each_step_named(page: Page, server: Server) -> None:
    # given: two alumni who know each other
    tie = demo_rows("relations.csv")[0]
    a, b = ALUMNI[tie["external_id_a"]], ALUMNI[tie["external_id_b"]]
    await sign_in(page, server, server.token(Role.ADMIN))
    await page.click("nav a[href='#/introductions']")
    # when
    await page.fill("#intro-from", a["name"])
    await page.locator("#intro-from-results .hit", has_text=a["external_id"]).click()
    await page.fill("#intro-to", b["name"])
    await page.locator("#intro-to-results .hit", has_text=b["external_id"]).click()
    await page.click("#find-paths")
    # then
    first = page.locator(".path").first
    await expect(first).to_contain_text(a["name"])
    await expect(first).to_contain_text(b["name"])
    await expect(first.locator(".tie").first).to_contain_text(re.compile("相识|同班同学|同事|校友会负责人"))
    await shot(page, "3-introductions")


async def test_partner_finder_ranks_companies_and_downloads_csv(
    page: Page, server: Server, tmp_path: Path
) -> None:
    # given
    await sign_in(page, server, server.token(Role.ADMIN))
    await page.click("nav a[href='#/partners']")
    # when: 信息传输、软件和信息技术服务业 in China, chosen through the trees
    await page.click("#industry-tree button.pick[data-code='I']")
    await (
        page.locator("#industry-tree li", has=page.locator("> button.pick[data-code='I']"))
        .locator("> button.toggle")
        .click()
    )
    await expect(page.locator("#industry-tree button.pick[data-code='65']")).to_be_visible()
    await (
        page.locator("#region-tree li", has=page.locator("> button.pick[data-code='CN']"))
        .locator("> button.toggle")
        .click()
    )
    await page.click("#region-tree button.pick[data-code='CN']")
    await page.click("#find-partners")
    # then
    rows = page.locator("#partners-table tbody tr")
    await expect(rows.first).to_be_visible()
    count = await rows.count()
    founders = [
        int(t) for t in await page.locator("#partners-table tbody tr td:nth-child(5)").all_inner_texts()
    ]
    assert founders == sorted(founders, reverse=True)
    await shot(page, "4-partners")
    # when
    async with page.expect_download() as info:
        await page.click("#csv")
    download = await info.value
    target = tmp_path / download.suggested_filename
    await download.save_as(target)
    # then
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert table[0][:3] == ["排名", "企业", "统一社会信用代码"]
    assert len(table) == count + 1
    assert table[1][1] == await rows.first.locator("td:nth-child(2)").inner_text()


async def test_a_fund_report_shows_figures_months_stewardship_and_retention(
    page: Page, server: Server, tmp_path: Path
) -> None:
    # given
    fund = demo_rows("funds.csv")[0]
    await sign_in(page, server, server.token(Role.FUNDRAISER))
    await page.click("nav a[href='#/funds']")
    # when
    await page.select_option("#fund-year", "2025")
    await page.select_option("#fund", label=f"{fund['name']}（{fund['code']}）")
    # then
    await expect(page.locator("#received .card-value")).to_contain_text("¥")
    await expect(page.locator(".report h2")).to_contain_text(f"{fund['name']} · 2025")
    await expect(page.locator(".chart figcaption").first).to_contain_text("每月到账")
    assert await page.locator(".report table tbody tr").count() > 0
    await expect(page.locator(".retention figcaption")).to_contain_text("留存")
    await shot(page, "5-fund-report")
    # when: the report to donors, fetched with the token from /reports/fund.pdf
    async with page.expect_download() as info:
        await page.click("#fund-pdf")
    download = await info.value
    target = tmp_path / download.suggested_filename
    await download.save_as(target)
    # then
    assert download.suggested_filename == f"fund-{fund['code']}-2025.pdf"
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF") and fund["code"].encode() in pdf


async def test_the_scorecard_sorts_by_any_column(page: Page, server: Server) -> None:
    # given
    await sign_in(page, server, server.token(Role.ADMIN))
    await page.click("nav a[href='#/scores']")
    await page.select_option("#score-year", "2025")
    column = page.locator("#scorecard tbody tr td:nth-child(2)")
    await expect(column.first).to_be_visible()
    # when
    await page.click("#scorecard button.sort[data-key=alumniCount]")
    # then
    values = [int(v) for v in await column.all_inner_texts()]
    assert values == sorted(values, reverse=True) and len(values) > 1
    await expect(page.locator("#scorecard figcaption")).to_contain_text("校友数")
    # when
    await page.click("#scorecard button.sort[data-key=alumniCount]")
    # then
    values = [int(v) for v in await column.all_inner_texts()]
    assert values == sorted(values)
    await expect(page.locator("#activity tbody tr").first).to_be_visible()
    await page.click("#scorecard button.sort[data-key=raisedCny]")
    await shot(page, "6-scorecard")


async def test_graphiql_is_served_offline_and_runs_a_query(page: Page, server: Server) -> None:
    # given
    await sign_in(page, server, server.token(Role.ADMIN))
    # when: a browser opens /graphql
    await page.goto(f"{server.base}/graphql")
    # then
    assert page.url.endswith("/explore/graphiql/")
    await expect(page.locator(".graphiql-query-editor")).to_contain_text("colleges")
    await page.locator(".graphiql-execute-button").click()
    await expect(page.locator(".graphiql-response")).to_contain_text("alumniCount")
    assert await page.evaluate("localStorage.length") == 0
    await shot(page, "7-graphiql")


async def test_a_chapter_organizer_sees_no_phone_outside_the_chapter(page: Page, server: Server) -> None:
    # given: the regional chapter with the most contactable members
    members: dict[str, set[str]] = {}
    for m in demo_rows("memberships.csv"):
        members.setdefault(m["chapter_code"], set()).add(m["external_id"])
    regional = {c["code"] for c in demo_rows("chapters.csv") if c["kind"] == "REGIONAL"}

    def contactable(ids: set[str]) -> list[str]:
        return [i for i in ids if ALUMNI[i]["phone"] and ALUMNI[i]["consent_contact"] == "true"]

    chapter = max(sorted(regional), key=lambda code: len(contactable(members.get(code, set()))))
    inside = members[chapter]
    outside = {digits(a["phone"]) for i, a in ALUMNI.items() if a["phone"] and i not in inside}
    member = ALUMNI[sorted(contactable(inside))[0]]
    chapter_name = next(c["name"] for c in demo_rows("chapters.csv") if c["code"] == chapter)
    seen: list[str] = []

    async def look() -> None:
        seen.append(await page.inner_text("body"))
        seen.append(await page.content())

    await sign_in(page, server, server.token(Role.CHAPTER_ORGANIZER, chapter=chapter))
    await expect(page.locator("#scope")).to_contain_text(chapter)
    # when: searching, opening people inside and outside the chapter, and the chapter's network
    await page.fill("#search", "张")
    await expect(page.locator("#search-results li").first).to_be_visible()
    await look()
    hits = page.locator("#search-results .hit")
    for i in range(min(4, await hits.count())):
        await page.fill("#search", "张")
        await hits.nth(i).click()
        await expect(page.locator("#detail-name")).to_be_visible()
        await look()
    await page.fill("#search", chapter_name)
    await page.locator("#search-results .hit", has_text=chapter_name).first.click()
    await expect(page.locator(".status")).to_contain_text(re.compile("个节点|无权|错误"))
    await look()
    await page.fill("#search", member["name"])
    await page.locator("#search-results .hit", has_text=member["external_id"]).click()
    await expect(page.locator(".panel")).to_contain_text("电话")
    await look()
    await shot(page, "8-chapter-organizer")
    # then: their own member's phone is shown, nobody else's anywhere on the page
    shown = {
        run[-11:] for text in seen for run in re.findall(r"\d{7,}", re.sub(r"(?<=\d)[\s-](?=\d)", "", text))
    }
    assert digits(member["phone"]) in shown
    assert shown & outside == set()


async def test_no_request_left_this_machine(requests_seen: Requests) -> None:
    # then: everything the pages loaded (scripts, styles, fonts, API calls) came from loopback
    assert len(requests_seen.urls) > 20
    assert requests_seen.external() == []
