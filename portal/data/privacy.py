"""Default text of the privacy notice, with the retention periods taken from the configuration.

Seeded once like the other public pages (``portal.seeding.seed_pages``); the secretariat then
edits it in the portal, and seeding never overwrites the edit.
"""
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _arabic_count(n, one, two, few, many):
    """An Arabic counted noun: شهر واحد، شهران، ٣ أشهر، ١٢ شهراً."""
    if n == 1:
        return one
    if n == 2:
        return two
    digits = str(n).translate(ARABIC_DIGITS)
    return f"{digits} {few if 3 <= n % 100 <= 10 else many}"


def period(days, lang):
    """A retention period in words: whole years are said in months, other periods in days."""
    if days > 0 and days % 365 == 0:
        months = days // 365 * 12
        if lang == "ar":
            return _arabic_count(months, "شهر واحد", "شهرين", "أشهر", "شهراً")
        return f"{months} months" if months != 1 else "one month"
    if lang == "ar":
        return _arabic_count(days, "يوم واحد", "يومين", "أيام", "يوماً")
    return f"{days} days" if days != 1 else "one day"


def _contact(config, lang):
    email = config.get("PRIVACY_CONTACT_EMAIL") or ""
    if lang == "ar":
        where = f" على العنوان <{email}>" if email else ""
        return (f"راسل أمانة التحالف{where}، أو اطلب ذلك عبر مسؤول الاتصال في منظمتك، "
                "أو زُر مكتب التحالف في غازي عينتاب.")
    where = f" at <{email}>" if email else ""
    return (f"Write to the alliance's secretariat{where}, ask through your organisation's "
            "focal point, or visit the alliance's office in Gaziantep.")


BODY_AR = """التحالف منظمة مقرّها مدينة غازي عينتاب في تركيا، ولذلك يسري على البيانات الشخصية التي تحفظها هذه البوابة قانون حماية البيانات الشخصية التركي (KVKK، رقم ٦٦٩٨)، ونلتزم كذلك بمبادئ اللائحة الأوروبية العامة لحماية البيانات (GDPR). توضّح هذه الصفحة ما نحفظه عنك، ولماذا، وإلى متى، ومن يطّلع عليه، وكيف تمارس حقوقك.

## المسؤول عن البيانات

تحالف المنظمات الإنسانية السورية، ممثَّلاً بأمانته في غازي عينتاب، هو المسؤول عن البيانات (veri sorumlusu) التي تُحفظ في هذه البوابة. وتبقى كل منظمة عضو مسؤولة عمّا يُدخله موظفوها من محتوى عن أنشطتها.

## البيانات التي نحفظها ولماذا

- **حسابات الموظفين** (موظفو المنظمات الأعضاء والأمانة): الاسم، والبريد الإلكتروني، والمنظمة، والدور، واللغة المفضّلة، وكلمة المرور محفوظةً على هيئة بصمة مشفّرة لا يمكن استرجاعها. نحتاجها لتسجيل الدخول وتنسيق العمل بين المنظمات.
- **طلبات التطوع**: ما ترسله في نموذج التطوع (الاسم، والبريد أو الهاتف، والمدينة، والمهارات، والوقت المتاح، ورسالتك) ووقت موافقتك. نحفظها بموافقتك كي تتواصل معك الأمانة بشأن التطوع فقط.
- **البريد**: الرسائل التي ترسلها البوابة (الدعوات، وروابط إعادة تعيين كلمة المرور، وتأكيدات الاجتماعات) مع عنوان المستلم وحالة الإرسال.
- **سجل التدقيق وسجلات الخادم**: من فعل ماذا ومتى (مثل تسجيل الدخول، وتعديل الصفحات، وقرارات المراجعة)، وعنوان IP الذي جاء منه الطلب. نحتاجها لحماية الحسابات وكشف إساءة الاستخدام ولمساءلة من يغيّر المحتوى.
- **عناوين IP**: تُستعمل أيضاً للحدّ من محاولات الدخول المتكررة.
- **الأجهزة التي تسجّل الدخول منها**: نوع المتصفح والجهاز، وجزء من عنوان IP يدلّ على المكان التقريبي، ووقت آخر نشاط؛ تراها في صفحة «الأمان» في حسابك ويمكنك إنهاء أي جلسة منها، ونستعملها لننبّهك بالبريد عند الدخول من جهاز جديد.

لا نبيع أي بيانات، ولا نستعملها للإعلانات، ولا نضع ملفات تتبّع من جهات أخرى. لا نضع من ملفات تعريف الارتباط (cookies) إلا ما تحتاجه البوابة: ملف الجلسة (ومعه ملف «تذكّرني» إن اخترته) وملف اختيار اللغة.

## مدة الحفظ

- تُحذف طلبات التطوع تلقائياً بعد {volunteer_handled} من معالجتها، أو بعد {volunteer_received} من استلامها إن لم تُعالَج، أيّهما أسبق.
- يُفرَّغ نص الرسائل المرسلة (ومنها روابط إعادة التعيين والدعوات) بعد {mail_body}، ويبقى العنوان والمستلم وحالة الإرسال.
- تُحذف روابط إعادة تعيين كلمة المرور والدعوات المستعملة أو المنتهية بعد {tokens}.
- تُمحى عناوين IP من سجل التدقيق بعد {audit_ip}؛ ويبقى السجل نفسه دليلاً على ما جرى في البوابة.
- تبقى حسابات الموظفين ما دام صاحبها يعمل مع التحالف؛ وعند طلب المحو تُجهَّل بدلاً من حذفها لأن أنشطة المنظمات تشير إليها.

## من يطّلع على البيانات

- طلبات التطوع والبريد وسجل التدقيق: أمانة التحالف وحدها.
- أسماء الموظفين ومنظماتهم: أعضاء التحالف المسجّلون، بالقدر اللازم للتنسيق.
- مزوّد الاستضافة ومزوّد البريد اللذان يشغّلان البوابة نيابةً عنا، ولا يستعملان البيانات لأي غرض آخر.
- لا نسلّم البيانات لأي جهة أخرى إلا إذا ألزمنا القانون بذلك.

## حقوقك

بموجب المادة ١١ من قانون KVKK ومبادئ GDPR يحق لك:

- أن تعرف إن كنّا نحفظ بيانات عنك، وأن تحصل على نسخة منها (**الاطلاع**)؛
- أن تطلب **تصحيح** ما هو خاطئ أو ناقص؛
- أن تطلب **محو** بياناتك أو إخفاء هويتك فيها؛
- أن **تعترض** على معالجتها، وأن تسحب موافقتك على حفظ طلب التطوع في أي وقت؛
- أن تشتكي إلى هيئة حماية البيانات الشخصية في تركيا (KVKK Kurumu) إن لم نُجبك.

## كيف تطلب ذلك

{contact} نجيب عن طلبك خلال ثلاثين يوماً على الأكثر، ولا نطلب منك إلا ما يكفي للتحقق من هويتك.
"""

BODY_EN = """The alliance is based in Gaziantep, Türkiye, so the personal data held in this portal is covered by Türkiye's Personal Data Protection Law (KVKK, No. 6698), and we also follow the principles of the European General Data Protection Regulation (GDPR). This page says what we hold about you, why, for how long, who sees it, and how to use your rights.

## Who is responsible

The Syrian Humanitarian NGO Alliance, acting through its secretariat in Gaziantep, is the data controller (veri sorumlusu) for the data held in this portal. Each member organisation remains responsible for what its staff enter about its own activities.

## What we hold and why

- **Staff accounts** (staff of member organisations and of the secretariat): name, email address, organisation, role, preferred language, and the password as a one-way hash that cannot be turned back into the password. We need them to log in and to coordinate the members' work.
- **Volunteer applications**: what you send in the volunteer form (name, email or phone, city, skills, availability, your message) and when you gave your consent. We keep them with your consent, only so that the secretariat can contact you about volunteering.
- **Mail**: the messages the portal sends (invitations, password reset links, meeting confirmations) with their recipient and delivery state.
- **Audit and server logs**: who did what and when (logins, page edits, review decisions) and the IP address a request came from. We need them to protect accounts, detect misuse, and keep those who change content accountable.
- **IP addresses** are also used to slow down repeated login attempts.
- **The devices you log in from**: the browser and device type, part of the IP address (an approximate place) and when each was last used. You see them on your account's Security page and can log any of them out; we use them to tell you by mail about a login from a new device.

We sell no data, use none for advertising, and set no third-party trackers. The only cookies are those the portal needs: the session (and "keep me logged in" when you choose it) and the language choice.

## How long we keep it

- Volunteer applications are deleted automatically {volunteer_handled} after they were handled, or {volunteer_received} after they were received if nobody handled them, whichever comes first.
- The text of sent mail (which holds reset and invitation links) is emptied after {mail_body}; the subject, recipient and delivery state remain.
- Used or expired password reset links and invitations are deleted after {tokens}.
- IP addresses are removed from the audit log after {audit_ip}; the log itself remains as the record of what happened in the portal.
- Staff accounts are kept while their holder works with the alliance; on a request for erasure they are anonymised rather than deleted, because the organisations' activities refer to them.

## Who sees it

- Volunteer applications, mail and the audit log: the alliance's secretariat only.
- Staff names and organisations: the alliance's logged-in members, as far as coordination needs.
- The hosting and mail providers that run the portal for us, who use the data for nothing else.
- We give data to no one else unless the law obliges us to.

## Your rights

Under Article 11 of the KVKK and the principles of the GDPR you may:

- learn whether we hold data about you and get a copy of it (**access**);
- have wrong or incomplete data **corrected**;
- have your data **erased** or anonymised;
- **object** to its processing, and withdraw your consent to keeping a volunteer application at any time;
- complain to Türkiye's Personal Data Protection Authority (KVKK Kurumu) if we do not answer you.

## How to ask

{contact} We answer within thirty days at the latest, and ask only for what we need to confirm who you are.
"""


def privacy_notice(config):
    """Titles and text of the privacy notice in both languages, with the configured periods."""
    texts = {}
    for lang, body in (("ar", BODY_AR), ("en", BODY_EN)):
        texts[f"body_{lang}"] = body.format(
            volunteer_handled=period(config["RETENTION_VOLUNTEER_HANDLED_DAYS"], lang),
            volunteer_received=period(config["RETENTION_VOLUNTEER_RECEIVED_DAYS"], lang),
            mail_body=period(config["RETENTION_MAIL_BODY_DAYS"], lang),
            tokens=period(config["RETENTION_TOKEN_DAYS"], lang),
            audit_ip=period(config["RETENTION_AUDIT_IP_DAYS"], lang),
            contact=_contact(config, lang),
        ).strip()
    return {"title_ar": "إشعار الخصوصية وحماية البيانات الشخصية",
            "title_en": "Privacy notice", **texts}
