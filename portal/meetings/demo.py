"""Demo meetings for ``seed --demo``: upcoming and past, with registrations of demo staff."""
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import Meeting, Organisation, Registration, User, utcnow
from ..models.meeting import CONFIRMED, WAITING
from .timefmt import zone

# uid, days from today, local hour, hours long, state, kind, format, seats, quota, people
DEMO_MEETINGS = [
    ("demo-meeting-donors", 10, 10, 3, "open", "advocacy", "hybrid", 12, 1, 14, {
        "title_ar": "اجتماع المناصرة المشترك مع المانحين: "
                    "تمويل الاستجابة في شمال غرب سوريا (تجريبي)",
        "title_en": "Joint advocacy meeting with donors: "
                    "funding the response in north-west Syria (demo)",
        "agenda_ar": "1. عرض فجوات التمويل حسب القطاع\n2. رسائل المناصرة المشتركة\n"
                     "3. الخطوات التالية",
        "agenda_en": "1. Funding gaps by sector\n2. Joint advocacy messages\n3. Next steps",
        "venue": "مقر التحالف، غازي عينتاب",
        "online_url": "https://meet.example.org/alliance-donors"}),
    ("demo-meeting-protection", 24, 13, 2, "open", "workshop", "online", 30, 3, 8, {
        "title_ar": "ورشة عمل: توثيق انتهاكات الحماية (تجريبية)",
        "title_en": "Workshop: documenting protection violations (demo)",
        "agenda_ar": "ورشة عملية حول **أدوات التوثيق** ومشاركة البيانات بأمان.",
        "agenda_en": "A hands-on workshop on **documentation tools** and sharing data safely.",
        "venue": "", "online_url": "https://meet.example.org/alliance-protection"}),
    ("demo-meeting-conference", 45, 9, 8, "draft", "conference", "in_person", 80, 4, 0, {
        "title_ar": "المؤتمر السنوي للتحالف (مسودة تجريبية)",
        "title_en": "The alliance's annual conference (demo draft)",
        "agenda_ar": "", "agenda_en": "", "venue": "غازي عينتاب", "online_url": ""}),
    ("demo-meeting-training", -20, 10, 4, "closed", "training", "in_person", 16, 2, 12, {
        "title_ar": "تدريب: إعداد التقارير للمانحين (تجريبي)",
        "title_en": "Training: reporting to donors (demo)",
        "agenda_ar": "إعداد التقارير السردية والمالية.",
        "agenda_en": "Narrative and financial reports.",
        "venue": "قاعة التدريب، غازي عينتاب", "online_url": "",
        "minutes_ar": "## نقاط العمل\n- مشاركة نموذج التقرير الموحد\n- جلسة متابعة بعد شهر",
        "minutes_en": "## Action points\n- Share the common report template\n"
                      "- Follow-up session in a month"}),
]


def _at(days, hour, tz_name="Europe/Istanbul"):
    day = datetime.now(zone(tz_name)).date() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=zone(tz_name)).astimezone(timezone.utc)


def _people(count):
    """Demo staff, focal points first, one organisation after another."""
    return db.session.scalars(
        select(User).join(Organisation, Organisation.id == User.org_id)
        .where(Organisation.is_demo.is_(True), User.active.is_(True))
        .order_by(User.is_org_admin.desc(), Organisation.slug, User.id).limit(count)).all()


def _register(meeting, people, past):
    confirmed, per_org = 0, {}
    for number, person in enumerate(people, start=1):
        quota = meeting.org_quota or meeting.seats
        room = confirmed < meeting.seats and per_org.get(person.org_id, 0) < quota
        registration = Registration(
            meeting_id=meeting.id, user_id=person.id, org_id=person.org_id,
            status=CONFIRMED if room else WAITING, queue_number=number,
            registered_by_id=person.id, created_at=meeting.created_at)
        if room:
            confirmed += 1
            per_org[person.org_id] = per_org.get(person.org_id, 0) + 1
            registration.confirmed_at = meeting.created_at
            registration.attended = (number % 5 != 0) if past else None
        db.session.add(registration)
    meeting.queue_serial = len(people)


def seed_demo_meetings():
    """Add the demo meetings not yet present (with registrations of demo staff, once the demo
    organisations exist); returns how many were added."""
    if not _people(1):
        return 0
    known = set(db.session.scalars(select(Meeting.uid).where(Meeting.uid.like("demo-meeting-%"))))
    added = 0
    for uid, days, hour, hours, state, kind, fmt, seats, quota, people, text in DEMO_MEETINGS:
        if uid in known:
            continue
        starts = _at(days, hour)
        meeting = Meeting(uid=uid, kind=kind, format=fmt, seats=seats, org_quota=quota,
                          state=state, starts_at=starts, ends_at=starts + timedelta(hours=hours),
                          timezone="Europe/Istanbul",
                          created_at=min(utcnow(), starts - timedelta(days=14)), **text)
        if days < 0:
            meeting.minutes_updated_at = meeting.ends_at
        db.session.add(meeting)
        db.session.flush()
        _register(meeting, _people(people), past=days < 0)
        added += 1
    if added:
        audit.record("demo.meetings_seeded", actor_label="cli", kind="meeting",
                     after={"added": added})
    db.session.commit()
    return added
