"""Words for the demo activities: titles per sector (English, Arabic; ``{area}`` is the place),
descriptions (``{org}``, ``{sector}``) and the secretariat's comments. Fictional, for the demo."""

TITLES = {
    "RELIEF": [
        ("Emergency food baskets in {area}", "توزيع سلال غذائية طارئة في {area}"),
        ("Winter kits for displaced families in {area}", "مستلزمات الشتاء للأسر النازحة في {area}"),
        ("Emergency response to floods in {area}", "الاستجابة الطارئة للفيضانات في {area}"),
    ],
    "DEVELOPMENT": [
        ("Rehabilitation of irrigation channels in {area}", "تأهيل قنوات الري في {area}"),
        ("Community development committees in {area}", "لجان التنمية المجتمعية في {area}"),
        ("Solar street lighting in {area}", "إنارة الشوارع بالطاقة الشمسية في {area}"),
    ],
    "EDUCATION": [
        ("Rehabilitation of schools in {area}", "تأهيل المدارس في {area}"),
        ("Catch-up classes for out-of-school children in {area}",
         "صفوف تعويضية للأطفال المنقطعين عن التعليم في {area}"),
        ("Teacher training in {area}", "تدريب المعلمين في {area}"),
    ],
    "PROTECTION": [
        ("Child-friendly spaces in {area}", "مساحات صديقة للطفل في {area}"),
        ("Case management for survivors of violence in {area}", "إدارة الحالات للناجين من العنف في {area}"),
        ("Legal aid for civil documentation in {area}", "المساعدة القانونية في الوثائق المدنية في {area}"),
    ],
    "HEALTH": [
        ("Mobile health clinics in {area}", "عيادات صحية متنقلة في {area}"),
        ("Support to primary health care centres in {area}", "دعم مراكز الرعاية الصحية الأولية في {area}"),
        ("Vaccination campaign in {area}", "حملة تلقيح في {area}"),
    ],
    "WASH": [
        ("Water trucking to camps in {area}", "نقل المياه بالصهاريج إلى المخيمات في {area}"),
        ("Rehabilitation of water stations in {area}", "تأهيل محطات المياه في {area}"),
        ("Hygiene kits and awareness sessions in {area}", "سلال النظافة وجلسات التوعية في {area}"),
    ],
    "FSL": [
        ("Bread subsidy for bakeries in {area}", "دعم الخبز للأفران في {area}"),
        ("Food vouchers for vulnerable families in {area}", "قسائم غذائية للأسر الأشد ضعفاً في {area}"),
    ],
    "SHELTER": [
        ("Shelter repairs for returning families in {area}", "إصلاح المساكن للأسر العائدة في {area}"),
        ("Distribution of non-food items in {area}", "توزيع المواد غير الغذائية في {area}"),
    ],
    "NUTRITION": [
        ("Malnutrition screening for children under five in {area}",
         "الكشف عن سوء التغذية لدى الأطفال دون الخامسة في {area}"),
        ("Infant and young child feeding support in {area}", "دعم تغذية الرضع وصغار الأطفال في {area}"),
    ],
    "ERL": [
        ("Vocational training for young people in {area}", "التدريب المهني للشباب في {area}"),
        ("Small business grants in {area}", "منح المشاريع الصغيرة في {area}"),
    ],
    "CCCM": [
        ("Camp management and site maintenance in {area}", "إدارة المخيمات وصيانة المواقع في {area}"),
        ("Registration of new arrivals in the camps of {area}", "تسجيل الوافدين الجدد إلى مخيمات {area}"),
    ],
    "ADVOCACY": [
        ("Advocacy for access to services in {area}", "المناصرة من أجل الوصول إلى الخدمات في {area}"),
        ("Policy briefs on the humanitarian situation in {area}", "أوراق سياسات عن الوضع الإنساني في {area}"),
    ],
    "CAPACITY": [
        ("Training of local NGO staff in {area}", "تدريب كوادر المنظمات المحلية في {area}"),
        ("Coaching in financial management in {area}", "التوجيه في الإدارة المالية في {area}"),
    ],
}

DESCRIPTIONS = [
    ("Part of the **{sector}** work of {org}.\n\n- Needs assessed with local councils\n"
     "- Priority to female-headed households and people with disabilities\n"
     "- Monthly reports shared with the alliance",
     "جزء من عمل {org} في قطاع **{sector}**.\n\n- تقييم الاحتياجات بالتعاون مع المجالس المحلية\n"
     "- الأولوية للأسر التي تعيلها نساء وللأشخاص ذوي الإعاقة\n- تقارير شهرية تُشارك مع التحالف"),
    ("{org} runs this activity with community volunteers. Beneficiaries are selected with "
     "published criteria, and a complaints line is open to everyone.",
     "تنفّذ {org} هذا النشاط مع متطوعين من المجتمع المحلي. يُختار المستفيدون وفق معايير منشورة، "
     "وخط الشكاوى مفتوح للجميع."),
    ("Coordinated with the {sector} cluster to avoid duplication. Follow-up visits after "
     "three months.",
     "بالتنسيق مع مجموعة {sector} لتجنّب الازدواجية. زيارات متابعة بعد ثلاثة أشهر."),
]

COMMENTS = [
    "يرجى توضيح عدد المستفيدين في كل محافظة.",
    "Please add the end date and the number of people reached so far.",
    "يرجى إضافة وصف مختصر لمعايير اختيار المستفيدين.",
]
