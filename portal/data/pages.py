"""Default text of the public pages, written from the facts in the alliance's own "about" page.

The secretariat edits these in the portal; seeding never overwrites an edited page.
"""

HOME = {
    "title_ar": "تحالف المنظمات الإنسانية السورية",
    "title_en": "Syrian Humanitarian NGO Alliance",
    "body_ar": (
        "صوت موحّد للسوريين أينما كانوا. يجمع التحالف ٢٣ منظمة إنسانية سورية غير حكومية "
        "تنسّق جهودها ومواردها وخبراتها في الإغاثة والتنمية والتعليم والحماية والصحة والإصحاح، "
        "لدعم النازحين واللاجئين داخل سوريا وفي دول الجوار، ولمناصرة قضاياهم أمام صنّاع القرار.\n\n"
        "تأسس التحالف في ٢ نيسان ٢٠١٤، ومقرّه مدينة غازي عينتاب في تركيا."
    ),
    "body_en": (
        "One voice for Syrians wherever they are. The alliance brings together 23 Syrian "
        "humanitarian NGOs that pool their efforts, resources and expertise in relief, development, "
        "education, protection, health and sanitation, to support displaced people and refugees "
        "inside Syria and in neighbouring countries, and to advocate for them with decision makers.\n\n"
        "The alliance was founded on 2 April 2014 and is based in Gaziantep, Türkiye."
    ),
}

CHARTER = {
    "title_ar": "ميثاق التحالف: الرؤية والرسالة والقيم",
    "title_en": "Our charter: vision, mission and values",
    "body_ar": """## الرؤية

أن يقود التحالف العمل الإنساني السوري ويكون صوته، ليتمكّن المجتمع من نيل حقوقه.

## الرسالة

نحن تحالف لمنظمات إنسانية سورية، نناصر وننسّق الاستجابة للشؤون الإنسانية السورية على كل المستويات، بفاعلية وتشاركية، لنساعد السوريين على صون كرامتهم وحقوقهم.

## القيم

### الثقة

نصغي إلى بعضنا بإيجابية ونتحاور باحترام وتفهّم، ونبني الثقة بين أعضائنا، ونأمل أن تمتد هذه الثقة إلى نظرة الشباب السوري للعمل الإنساني.

### التعاضد

نحقق أكثر حين نعمل معاً، ونكون أقوى حين نجتمع على أهدافنا العادلة.

### الفاعلية

نحسن استخدام الموارد المتاحة، ونقلّل الهدر، ونتجنّب تكرار العمل، ليعود كل مشروع وكل خدمة بأكبر نفع ممكن.

### التشاركية

نريد للتحالف أن يكون منصة رائدة للعمل المدني المشترك في سوريا، يتبادل فيها الأعضاء الخبرات والتجارب والموارد بروح التعاون.

### المساواة

نحن متساوون في الحقوق والواجبات، وتبدأ هذه المساواة من التزام أعضائنا بالعدل مع كل المستفيدين من خدماتهم، دون تمييز على أساس إثني أو عرقي أو ديني أو مناطقي.
""",
    "body_en": """## Vision

To lead Syrian humanitarian work and be its voice, so that society can claim its rights.

## Mission

We are an alliance of Syrian humanitarian organisations that advocates for, and coordinates, the response to Syrian humanitarian needs at every level, effectively and together, to help the Syrian people preserve their dignity and their rights.

## Values

### Trust

We listen to one another in good faith and hold our discussions with respect and understanding. We build trust among our members, and we hope it carries over into how young Syrians see humanitarian work.

### Solidarity

We achieve more when we work together, and we are stronger when we unite behind our just goals.

### Effectiveness

We use the resources we have wisely, cut waste and avoid duplicating work, so that every project and service does the greatest possible good.

### Participation

We want the alliance to be a leading platform for joint civic work in Syria, where members share expertise, experience and resources in a spirit of cooperation.

### Equality

We are equal in rights and duties. This equality starts with our members' commitment to treat everyone they serve fairly, without discrimination on ethnic, racial, religious or regional grounds.
""",
}

VOLUNTEER = {
    "title_ar": "تطوّع مع التحالف",
    "title_en": "Volunteer with the alliance",
    "body_ar": (
        "معاً نصنع أثراً أكبر، وأصواتنا مجتمعةً أعلى. للتحالف رسالة إنسانية وطموحات كبيرة، "
        "ولا يمكن تحقيقها دون المتطوعين والداعمين. أخبرنا بمهاراتك ووقتك المتاح، وسيتواصل معك فريق الأمانة."
    ),
    "body_en": (
        "Together we make a greater difference, and our voices are louder as one. The alliance has a "
        "humanitarian mission and big ambitions that it cannot reach without volunteers and supporters. "
        "Tell us about your skills and the time you can give, and the secretariat will contact you."
    ),
}

DEFAULT_PAGES = {"home": HOME, "charter": CHARTER, "volunteer": VOLUNTEER}
