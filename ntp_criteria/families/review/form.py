"""The shape of Phiếu B1's scorecard (Mẫu số 3.3-3.10): its items, their headings, the words of each row, and
which items take one row only. Words, not numbers: the points are rules data. A test checks these words
against the rules file's table, row by row."""

from __future__ import annotations

from ...core.forms import SINGLE_CHOICE_ITEMS
from ._rows import ROW_WORDS

__all__ = ["ITEMS", "ROW_WORDS", "SINGLE_CHOICE", "item_of"]

#: item → (heading as printed, heading in English)
ITEMS: dict[str, tuple[str, str]] = {
    "1": ("Số nhân khẩu trong hộ", "Number of household members"),
    "2": ("Số người trong độ tuổi lao động (Không tính điểm đối với người không có khả năng lao động; người "
          "khuyết tật đang hưởng trợ cấp hằng tháng; người bị bệnh hiểm nghèo)",
          "Members of working age (not counting those unable to work, disabled people on a monthly allowance, "
          "or people with a grave illness)"),
    "3": ("Số người phụ thuộc ((1) trẻ em dưới 16 tuổi; (2) người cao tuổi hoặc người khuyết tật đang hưởng trợ "
          "cấp xã hội hằng tháng)",
          "Dependants ((1) children under 16; (2) elderly or disabled people on a monthly social allowance)"),
    "4": ("Bằng cấp cao nhất của thành viên hộ gia đình", "Highest qualification of a member"),
    "5": ("Hộ có ít nhất 1 người đang làm việc phi nông nghiệp (làm việc từ 3 tháng trở lên trong 12 tháng qua)",
          "At least one member in non-farm work (3 months or more in the last 12)"),
    "6": ("Lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng hoặc trợ cấp ưu đãi người có công hằng tháng",
          "Pensions, monthly social-insurance allowances or monthly allowances for people with merit"),
    "7": ("Nhà ở", "Dwelling"),
    "8": ("Diện tích ở bình quân đầu người", "Floor area per person"),
    "9": ("Tiêu thụ điện bình quân 1 tháng cả hộ", "The household's monthly electricity use"),
    "10": ("Nước sinh hoạt", "Domestic water"),
    "11": ("Nhà tiêu hợp vệ sinh", "Hygienic latrine"),
    "12": ("Tài sản chủ yếu", "Main assets"),
    "13": ("Đất đai", "Land"),
    "14": ("Chăn nuôi", "Livestock"),
    "15": ("Vùng", "Region"),
}

#: items that take one row (see :data:`~ntp_criteria.core.forms.SINGLE_CHOICE_ITEMS`)
SINGLE_CHOICE = SINGLE_CHOICE_ITEMS


def item_of(row: str) -> str:
    """The item a row code belongs to (``"12.3"`` → ``"12"``)."""
    return row.split(".", 1)[0]
