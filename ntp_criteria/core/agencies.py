"""The agencies that lead programme units, by the short keys the data uses.

Ministries were merged and renamed in 2025; a unit's lead is therefore a dated relation in the data
(:class:`~ntp_criteria.core.programme.LeadAgency`), and this table only names each key.
"""

from __future__ import annotations

__all__ = ["AGENCIES", "agency_name"]

#: key → (Vietnamese name, English name)
AGENCIES: dict[str, tuple[str, str]] = {
    "MARD": ("Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"),
    "MONRE": ("Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
    "MAE": ("Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    "MOLISA": ("Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs"),
    "MIC": ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications"),
    "MOST": ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    "CEMA": ("Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs"),
    "MERA": ("Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs"),
    "MOH": ("Bộ Y tế", "Ministry of Health"),
    "MOET": ("Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    "MOC": ("Bộ Xây dựng", "Ministry of Construction"),
    "MOCST": ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    "MOIT": ("Bộ Công Thương", "Ministry of Industry and Trade"),
    "MOF": ("Bộ Tài chính", "Ministry of Finance"),
    "VWU": ("Hội Liên hiệp Phụ nữ Việt Nam", "Vietnam Women's Union"),
}


def agency_name(key: str, lang: str = "en") -> str:
    """The agency's name in Vietnamese (``"vi"``) or English."""
    vi, en = AGENCIES[key]
    return vi if lang == "vi" else en
