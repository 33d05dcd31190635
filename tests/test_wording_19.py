"""Issue 19: Russian that needs nobody's gender, and no internal references in files people read.

«Наставник Опытная Ольга Николаевна записал встречу», «он пришлёт» about a woman, «отправил(а)»:
a text about a person must read right whoever the person is. «Получили знакомство», «Выполнено
мероприятий: выполнено 1 из 4», «разовый» for a wave, thanks said twice in one message. And the
indicators spreadsheet showed «003 §4.1» where a reader needs to know how the number is counted."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import openpyxl
from fluent.syntax import FluentParser, ast, serializer

import bot.jobs
from bot.i18n import LOCALES_DIR
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import documents, got, launch, open_section, register, settle, staff_user

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "bot" / "content"

# Past-tense forms (and short adjectives) that carry a gender, as the texts used them about a
# person whose gender the bot does not know. «Вы ответили», «срок прошёл» stay: they need none.
STEMS = (
    *("записал", "поправил", "назначил", "отправил", "вернул", "утвердил", "выполнил", "подтвердил"),
    *("ответил", "заменил", "передумал", "получил"),
)
GENDERED = frozenset(
    [
        *STEMS,
        *(stem + "а" for stem in STEMS),
        "пришёл",
        "пришла",
        "согласен",
        "согласна",
        "доволен",
        "довольна",
    ]
)
# «он пришлёт», «она пришлёт», «Он(а)», «отправил(а)», «вымотанным(ой)», «доволен(льна)» …
PRONOUN_VERB = re.compile(r"\b(он|она)\s+(пришл|отправ|напиш|увидит|получит)", re.IGNORECASE)
BRACKETED_ENDING = re.compile(r"[а-яё]\((а|на|ла|ой|ая|ый|ьна|льна|ена|ы)\)", re.IGNORECASE)
WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


@cache
def russian_values() -> dict[str, str]:
    """Every ru message and attribute as its source text (placeables included), by id."""
    values: dict[str, str] = {}
    for file in sorted((LOCALES_DIR / "ru").glob("*.ftl")):
        resource = FluentParser().parse(file.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Message | ast.Term):
                text = serializer.serialize_pattern(entry.value) if entry.value is not None else ""
                for attribute in entry.attributes:
                    text += "\n" + serializer.serialize_pattern(attribute.value)
                values[f"{file.name}:{entry.id.name}"] = text.strip()
    assert len(values) > 500
    return values


def content_texts() -> dict[str, str]:
    """The bundled content people read: survey templates, questionnaires, recommendations."""
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in sorted(CONTENT.rglob("*.yaml"))
    }


def test_russian_texts_need_nobodys_gender() -> None:
    found = []
    for key, text in russian_values().items():
        words = {w.lower() for w in WORD.findall(text)}
        if gendered := sorted(words & GENDERED):
            found.append(f"{key}: {gendered} in {text!r}")
        if PRONOUN_VERB.search(text):
            found.append(f"{key}: a pronoun that needs a gender in {text!r}")
    assert not found, "\n".join(found)


def test_no_gendered_brackets_in_texts_or_content() -> None:
    texts = dict(russian_values()) | content_texts()
    found = [f"{key}: {m.group(0)!r}" for key, text in texts.items() for m in BRACKETED_ENDING.finditer(text)]
    assert not found, "\n".join(found)


def test_the_old_awkward_phrases_are_gone() -> None:
    everything = "\n".join(russian_values().values())
    for phrase in ("получили знакомство", "Выполнено мероприятий: выполнено", "разовый", "вам обоим"):
        assert phrase not in everything, phrase
    assert russian_values()["surveys.ftl:ss-period-once"] == "разовая волна"


async def answer_wellbeing(person: TgUser, energy: int) -> str:
    message = got(person, "Опрос: Как вы себя чувствуете?")[-1]
    await person.click("▶️ Начать / продолжить", message=message)
    assert "к концу рабочего дня у вас совсем не оставалось сил" in person.last_message.text
    await person.click(str(energy))
    await person.click("Чаще да")
    await person.click("Да")
    await person.click("Да")
    await person.click("Пропустить")
    await person.click("✅ Отправить ответы")
    return person.last_message.text or ""


async def test_registration_consent_and_survey_thanks_read_right_for_anyone(env: BotEnv) -> None:
    # The consent buttons say what the person does, not what gender they are.
    newcomer = env.user(7401)
    await newcomer.send("/start")
    assert newcomer.buttons() == ["✅ Даю согласие", "Не даю согласия"]
    await newcomer.click("Не даю согласия")
    assert "✅ Всё-таки дать согласие" in newcomer.buttons()

    staff = await staff_user(env)
    calm, tired = env.user(7402), env.user(7403)
    await register(calm, name="Спокойная Анна Сергеевна", experience="10", birth_year="1980")
    await register(tired, name="Усталов Игорь Петрович", experience="10", birth_year="1980")
    await launch(staff, "Как вы себя чувствуете?", "🚀 Сейчас, один раз", days="3 дня")
    env.clock.now = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    await bot.jobs.survey_waves()
    await settle(env)

    # Thanked once per message: by the template's closing words, or by its help for a hard time.
    closing = await answer_wellbeing(calm, 1)
    assert closing.count("Спасибо") == 1 and "Ваши ответы сохранены" in closing
    assert "Берегите себя" in closing
    helped = await answer_wellbeing(tired, 5)
    assert helped.count("Спасибо") == 1 and "Спасибо за откровенность" in helped

    # The campaign's waves: «разовая волна», not «разовый».
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Как вы себя чувствуете?")
    assert "разовая волна: 2 из 3" in staff.last_message.text


async def test_indicators_spreadsheet_says_how_each_number_is_counted(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    await staff.click("📥 Таблица Excel")
    book = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    cells = [
        c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)
    ]
    assert not [c for c in cells if "§" in c or re.fullmatch(r"\d{3}(, \d{3})*", c)]
    rows = list(book["Сводка"].iter_rows(values_only=True))
    header = rows[0]
    assert header[-1] == "Как считается"
    how = {row[0]: row[-1] for row in rows[1:] if row and row[0] and len(row) == len(header) and row[-1]}
    assert how["Прошли диагностику компетенций"] == (
        "Доля педагогов, которые за период прошли диагностику профессиональных дефицитов "
        "(любую анкету), среди всех педагогов территории."
    )
    # The 12 indicators (the practice bank's is the 12th), «involved» in each of the 4 target groups
    # and the 3 attestation shares: each with its definition.
    assert "Представили опыт в банке практик" in how and "Вовлечены: Дети с ОВЗ" in how
    assert len(how) == 12 + 4 + 3 and all(len(text) > 40 and text.endswith(".") for text in how.values())
