"""Fictional member organisations for the demo. None of these is a real NGO: each is marked as a
demo in its name and flagged ``is_demo``."""

DEMO_ORGS = [
    # slug, Arabic name, English name, acronym, sector codes, area codes
    ("demo-olive-branch", "غصن الزيتون للإغاثة (تجريبية)", "Olive Branch Relief (demo)", "OBR", ["RELIEF", "FSL"], ["SY07", "SY02"]),
    ("demo-jasmine-health", "ياسمين للرعاية الصحية (تجريبية)", "Jasmine Health Care (demo)", "JHC", ["HEALTH", "NUTRITION"], ["SY07", "TUR"]),
    ("demo-euphrates-water", "مياه الفرات (تجريبية)", "Euphrates Water Initiative (demo)", "EWI", ["WASH"], ["SY09", "SY11"]),
    ("demo-bright-schools", "مدارس النور (تجريبية)", "Bright Schools Network (demo)", "BSN", ["EDUCATION"], ["SY02", "SY07", "TUR"]),
    ("demo-safe-haven", "الملاذ الآمن للحماية (تجريبية)", "Safe Haven Protection (demo)", "SHP", ["PROTECTION"], ["SY07", "LBN"]),
    ("demo-harvest", "حصاد للتنمية (تجريبية)", "Harvest Development (demo)", "HDV", ["DEVELOPMENT", "ERL"], ["SY02", "SY05"]),
    ("demo-shelter-hands", "أيادي المأوى (تجريبية)", "Shelter Hands (demo)", "SHH", ["SHELTER", "CCCM"], ["SY07"]),
    ("demo-mother-child", "رعاية الأم والطفل (تجريبية)", "Mother and Child Care (demo)", "MCC", ["HEALTH", "NUTRITION"], ["SY02", "SY08"]),
    ("demo-voices", "أصوات للمناصرة (تجريبية)", "Voices for Advocacy (demo)", "VFA", ["ADVOCACY"], ["TUR", "SY07"]),
    ("demo-skills-bridge", "جسر المهارات (تجريبية)", "Skills Bridge (demo)", "SKB", ["CAPACITY", "ERL"], ["TUR", "SY02"]),
    ("demo-orontes-relief", "إغاثة العاصي (تجريبية)", "Orontes Relief (demo)", "ORR", ["RELIEF", "SHELTER"], ["SY05", "SY04"]),
    ("demo-wheat-bread", "قمح وخبز (تجريبية)", "Wheat and Bread (demo)", "WAB", ["FSL"], ["SY02", "SY11"]),
    ("demo-clean-camps", "مخيمات نظيفة (تجريبية)", "Clean Camps (demo)", "CLC", ["WASH", "CCCM"], ["SY07"]),
    ("demo-hope-minds", "عقول الأمل للدعم النفسي (تجريبية)", "Hope Minds Psychosocial Support (demo)", "HMP", ["PROTECTION", "HEALTH"], ["SY07", "JOR"]),
    ("demo-village-roots", "جذور القرية (تجريبية)", "Village Roots (demo)", "VRT", ["DEVELOPMENT", "FSL"], ["SY12", "SY13"]),
    ("demo-first-aid", "إسعاف أولي (تجريبية)", "First Aid Syria (demo)", "FAS", ["HEALTH", "RELIEF"], ["SY03", "SY01"]),
    ("demo-learning-tent", "خيمة التعلم (تجريبية)", "Learning Tent (demo)", "LTT", ["EDUCATION", "CCCM"], ["SY07", "SY02"]),
    ("demo-rights-watch", "رصد الحقوق (تجريبية)", "Rights Watch Syria (demo)", "RWS", ["PROTECTION", "ADVOCACY"], ["TUR", "IRQ"]),
    ("demo-green-fields", "الحقول الخضراء (تجريبية)", "Green Fields Livelihoods (demo)", "GFL", ["ERL", "FSL"], ["SY08", "SY09"]),
    ("demo-warm-winter", "شتاء دافئ (تجريبية)", "Warm Winter (demo)", "WWR", ["SHELTER", "RELIEF"], ["SY07", "SY02"]),
    ("demo-coast-care", "رعاية الساحل (تجريبية)", "Coast Care (demo)", "CCR", ["HEALTH"], ["SY06", "SY10"]),
    ("demo-young-leaders", "قادة شباب (تجريبية)", "Young Leaders (demo)", "YLD", ["CAPACITY", "EDUCATION"], ["TUR", "LBN"]),
    ("demo-southern-springs", "ينابيع الجنوب (تجريبية)", "Southern Springs (demo)", "SSP", ["WASH", "DEVELOPMENT"], ["SY12", "SY14"]),
]

DEMO_STAFF_NAMES = [
    ("سلمى", "Salma"), ("عمر", "Omar"), ("ليلى", "Layla"), ("خالد", "Khaled"), ("رنا", "Rana"),
    ("يوسف", "Yousef"), ("هبة", "Heba"), ("أحمد", "Ahmad"), ("نور", "Nour"), ("سامر", "Samer"),
]
