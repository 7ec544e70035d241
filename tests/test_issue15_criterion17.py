"""Criterion 17 of QĐ 318/QĐ-TTg Phụ lục I (environment and food safety): its contents' names as Thông tư
10/2023/TT-BKHĐT restates them (issue #15). The circular gives names only: the conditions and levels stay as
they were, and its twelfth content is named in the criterion's note, not invented into the set's numbering."""

from __future__ import annotations

import datetime as dt

import ntp_criteria as ntp

RS = ntp.ruleset("ntm.commune", dt.date(2024, 6, 1))
#: 10/2023/TT-BKHĐT, Phụ lục, chỉ tiêu 3.5 (Công báo số 1119 + 1120 ngày 13/11/2023), in its order
RESTATED = {
    "17.2": "Tỷ lệ cơ sở sản xuất - kinh doanh, nuôi trồng thủy sản, làng nghề đảm bảo quy định về bảo vệ môi trường",
    "17.3": "Cảnh quan, không gian xanh - sạch, đẹp, an toàn; không để xảy ra tồn đọng nước thải sinh hoạt tại các "
            "khu dân cư tập trung",
    "17.4": "Đất cây xanh sử dụng công cộng tại điểm dân cư nông thôn",
    "17.5": "Mai táng, hỏa táng phù hợp với quy định và theo quy hoạch",
    "17.6": "Tỷ lệ chất thải rắn sinh hoạt và chất thải rắn không nguy hại trên địa bàn được thu gom, xử lý theo "
            "quy định",
    "17.7": "Tỷ lệ bao gói thuốc bảo vệ thực vật sau sử dụng và chất thải rắn y tế được thu gom, xử lý đáp ứng yêu "
            "cầu về bảo vệ môi trường",
    "17.8": "Tỷ lệ hộ có nhà tiêu, nhà tắm, thiết bị chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch",
    "17.9": "Tỷ lệ cơ sở chăn nuôi đảm bảo các quy định về vệ sinh thú y, chăn nuôi và bảo vệ môi trường",
    "17.10": "Tỷ lệ hộ gia đình và cơ sở sản xuất, kinh doanh thực phẩm tuân thủ các quy định về đảm bảo an toàn thực "
             "phẩm",
    "17.11": "Tỷ lệ hộ gia đình thực hiện phân loại rác thải rắn tại nguồn",
}


def test_the_names_are_those_the_circular_restates_and_secondary() -> None:
    c = RS.criterion("17")
    assert {i.code: i.name_vi for i in c.indicators if i.code in RESTATED} == RESTATED
    assert c.indicators[0].name_vi == "Tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn"  # the circular: 'quy định chuẩn'
    assert "theo quy định chuẩn" in (c.indicators[0].definition.note or "")  # type: ignore[union-attr]
    for i in c.indicators:
        assert i.definition is not None and i.definition.status is ntp.Status.SECONDARY, i.code
        assert "10/2023/TT-BKHĐT" in i.definition.cite, i.code


def test_the_circular_gives_no_number_so_the_levels_keep_their_status() -> None:
    levels = {n.path: n.provenance.status for n in RS.numbers() if n.path.startswith("17.") and "[" in n.path}
    assert levels == {"17.2[all]": ntp.Status.UNVERIFIED, "17.7[all]": ntp.Status.UNVERIFIED,
                      "17.10[all]": ntp.Status.UNVERIFIED}


def test_the_twelfth_content_is_named_but_not_numbered() -> None:
    c = RS.criterion("17")
    assert [i.code for i in c.indicators][-1] == "17.11"
    assert "chất thải nhựa" in c.note and "57" in c.note
