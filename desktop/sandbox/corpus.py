"""Word material for the seeded marketplace: categories, title templates, skills, clients, chat lines.

Everything here is plain data; `seed.py` composes it with a seeded RNG so the same seed gives the same world.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CategoryCorpus:
    name: str
    skills: tuple[str, ...]
    things: tuple[str, ...]  # what the client wants built or done
    templates: tuple[str, ...]  # title templates over {skill}, {skill2}, {thing}
    hourly_range: tuple[int, int]  # typical hourly rates in whole dollars
    fixed_range: tuple[int, int]  # typical fixed budgets in whole dollars


CATEGORIES: tuple[CategoryCorpus, ...] = (
    CategoryCorpus(
        "Web Development",
        (
            "Python",
            "Django",
            "FastAPI",
            "React",
            "TypeScript",
            "Next.js",
            "Vue.js",
            "Node.js",
            "PostgreSQL",
            "Tailwind CSS",
            "WordPress",
            "Shopify",
            "PHP",
            "Laravel",
            "GraphQL",
            "REST API",
        ),
        (
            "SaaS dashboard",
            "customer portal",
            "booking website",
            "e-commerce storefront",
            "landing page",
            "internal admin panel",
            "membership site",
            "headless CMS",
            "marketplace MVP",
            "analytics dashboard",
        ),
        (
            "{skill} developer for {thing}",
            "Build a {thing} with {skill} and {skill2}",
            "Senior {skill} engineer to finish our {thing}",
            "Fix performance issues in {skill} {thing}",
            "Migrate {thing} from {skill2} to {skill}",
            "Full-stack {skill} developer — {thing}",
            "Ongoing {skill} support for a growing {thing}",
        ),
        (25, 120),
        (300, 12000),
    ),
    CategoryCorpus(
        "Mobile Apps",
        (
            "Flutter",
            "React Native",
            "Swift",
            "SwiftUI",
            "Kotlin",
            "Jetpack Compose",
            "Firebase",
            "iOS",
            "Android",
            "App Store Optimization",
            "Push Notifications",
            "In-App Purchases",
        ),
        (
            "fitness tracking app",
            "food delivery app",
            "habit tracker",
            "language learning app",
            "field service app",
            "event ticketing app",
            "banking companion app",
            "meditation app",
        ),
        (
            "{skill} developer to build a {thing}",
            "Publish our {thing} to the stores ({skill})",
            "Add {skill2} to an existing {skill} {thing}",
            "Cross-platform {thing} in {skill}",
            "Bug fixing and polish for {skill} {thing}",
        ),
        (30, 130),
        (800, 25000),
    ),
    CategoryCorpus(
        "Data Science & Analytics",
        (
            "Python",
            "pandas",
            "SQL",
            "Tableau",
            "Power BI",
            "Statistics",
            "Excel",
            "R",
            "Looker",
            "A/B Testing",
            "dbt",
            "BigQuery",
            "Data Visualization",
            "Forecasting",
        ),
        (
            "sales forecasting model",
            "churn analysis",
            "KPI dashboard",
            "customer segmentation",
            "marketing attribution report",
            "survey analysis",
            "inventory demand model",
            "cohort analysis",
        ),
        (
            "Data analyst for {thing} ({skill})",
            "Build a {thing} in {skill}",
            "{skill} expert: {thing}",
            "Clean our data and deliver a {thing}",
            "{skill} and {skill2} for a quarterly {thing}",
        ),
        (30, 150),
        (250, 8000),
    ),
    CategoryCorpus(
        "Design & Creative",
        (
            "Figma",
            "UI Design",
            "UX Research",
            "Adobe Illustrator",
            "Photoshop",
            "Brand Identity",
            "Logo Design",
            "Design Systems",
            "Prototyping",
            "Packaging Design",
            "Webflow",
        ),
        (
            "mobile app redesign",
            "brand identity",
            "logo and style guide",
            "pitch deck",
            "design system",
            "product packaging",
            "website mockups",
            "onboarding flow",
        ),
        (
            "{skill} designer for {thing}",
            "Create a {thing} in {skill}",
            "Refresh our {thing}",
            "Senior product designer — {thing} ({skill})",
            "{skill} and {skill2} for a startup {thing}",
        ),
        (25, 110),
        (150, 7000),
    ),
    CategoryCorpus(
        "Writing & Translation",
        (
            "Copywriting",
            "Technical Writing",
            "SEO Writing",
            "Blog Writing",
            "Editing",
            "Proofreading",
            "German Translation",
            "Spanish Translation",
            "French Translation",
            "Ghostwriting",
            "Content Strategy",
        ),
        (
            "developer documentation",
            "blog series",
            "product descriptions",
            "whitepaper",
            "newsletter",
            "website copy",
            "user manual",
            "case studies",
        ),
        (
            "{skill} for our {thing}",
            "Writer needed: {thing}",
            "{skill} — {thing} for a B2B SaaS",
            "Ongoing {thing} ({skill} and {skill2})",
            "Translate and localize {thing}",
        ),
        (20, 90),
        (100, 4000),
    ),
    CategoryCorpus(
        "DevOps & Cloud",
        (
            "AWS",
            "Terraform",
            "Kubernetes",
            "Docker",
            "GitHub Actions",
            "Google Cloud",
            "Azure",
            "Linux",
            "Ansible",
            "Prometheus",
            "Grafana",
            "CI/CD",
            "Nginx",
        ),
        (
            "CI/CD pipeline",
            "Kubernetes cluster",
            "cloud cost review",
            "monitoring stack",
            "zero-downtime deployment",
            "infrastructure as code setup",
            "disaster recovery plan",
        ),
        (
            "{skill} engineer to set up a {thing}",
            "Migrate our {thing} to {skill}",
            "DevOps help: {thing} with {skill} and {skill2}",
            "Harden and document our {thing}",
            "Part-time SRE for {thing} ({skill})",
        ),
        (40, 160),
        (500, 15000),
    ),
    CategoryCorpus(
        "Sales & Marketing",
        (
            "Google Ads",
            "Facebook Ads",
            "SEO",
            "Email Marketing",
            "HubSpot",
            "Lead Generation",
            "Content Marketing",
            "LinkedIn Marketing",
            "Marketing Strategy",
            "Klaviyo",
            "Conversion Optimization",
        ),
        (
            "product launch campaign",
            "lead generation funnel",
            "email nurture sequence",
            "SEO audit",
            "paid ads account",
            "go-to-market plan",
            "newsletter growth plan",
        ),
        (
            "{skill} specialist for a {thing}",
            "Run our {thing} ({skill})",
            "Growth marketer: {thing}",
            "Audit and improve our {thing} with {skill2}",
            "{skill} expert for a B2B {thing}",
        ),
        (20, 120),
        (200, 6000),
    ),
    CategoryCorpus(
        "Customer Support",
        (
            "Zendesk",
            "Intercom",
            "Live Chat",
            "Email Support",
            "Technical Support",
            "Help Center Writing",
            "Customer Success",
            "Freshdesk",
            "Phone Support",
        ),
        ("weekend support shift", "help center", "support inbox", "onboarding calls", "ticket backlog"),
        (
            "{skill} agent for our {thing}",
            "Customer support rep — {thing}",
            "Clear a {thing} ({skill})",
            "Set up {skill} and write our {thing}",
        ),
        (10, 35),
        (100, 2500),
    ),
    CategoryCorpus(
        "Accounting & Finance",
        (
            "Bookkeeping",
            "QuickBooks",
            "Xero",
            "Financial Modeling",
            "Tax Preparation",
            "Payroll",
            "Excel",
            "Accounts Payable",
            "Budgeting",
            "Financial Reporting",
        ),
        (
            "monthly bookkeeping",
            "three-statement model",
            "year-end close",
            "cash flow forecast",
            "investor reporting pack",
            "expense audit",
        ),
        (
            "{skill} expert for {thing}",
            "Accountant for {thing} ({skill})",
            "Build a {thing} in {skill}",
            "Ongoing {thing} with {skill} and {skill2}",
        ),
        (25, 120),
        (200, 6000),
    ),
    CategoryCorpus(
        "Legal",
        (
            "Contract Drafting",
            "Contract Review",
            "Intellectual Property",
            "GDPR",
            "Privacy Policy",
            "Corporate Law",
            "Trademark",
            "Employment Law",
            "Terms of Service",
        ),
        (
            "SaaS terms of service",
            "contractor agreement",
            "trademark filing",
            "privacy policy",
            "data processing agreement",
            "shareholder agreement",
        ),
        (
            "Lawyer to draft a {thing}",
            "{skill} for our {thing}",
            "Review a {thing} ({skill})",
            "{skill} and {skill2} advice for a startup",
        ),
        (60, 250),
        (300, 5000),
    ),
    CategoryCorpus(
        "Engineering & Architecture",
        (
            "AutoCAD",
            "SolidWorks",
            "Revit",
            "3D Modeling",
            "PCB Design",
            "Structural Engineering",
            "Mechanical Engineering",
            "Product Design",
            "Fusion 360",
            "Embedded C",
        ),
        (
            "enclosure design",
            "floor plan",
            "PCB layout",
            "prototype part",
            "structural calculation",
            "3D printable mount",
        ),
        (
            "{skill} engineer for a {thing}",
            "Design a {thing} in {skill}",
            "{skill} drawings for {thing}",
            "Review our {thing} ({skill} and {skill2})",
        ),
        (35, 140),
        (250, 9000),
    ),
    CategoryCorpus(
        "Admin Support",
        (
            "Data Entry",
            "Virtual Assistance",
            "Google Sheets",
            "Calendar Management",
            "Research",
            "Project Management",
            "Notion",
            "Airtable",
            "Email Management",
        ),
        (
            "CRM cleanup",
            "lead list",
            "product catalog entry",
            "executive inbox",
            "market research sheet",
            "travel planning",
        ),
        (
            "Virtual assistant for {thing}",
            "{skill} help: {thing}",
            "Build a {thing} in {skill}",
            "Part-time assistant ({skill} and {skill2})",
        ),
        (8, 30),
        (50, 1500),
    ),
    CategoryCorpus(
        "AI & Machine Learning",
        (
            "Machine Learning",
            "PyTorch",
            "LLM",
            "OpenAI API",
            "LangChain",
            "RAG",
            "Computer Vision",
            "NLP",
            "scikit-learn",
            "Hugging Face",
            "Vector Databases",
            "Prompt Engineering",
        ),
        (
            "support chatbot",
            "document search assistant",
            "image classifier",
            "recommendation engine",
            "fine-tuned model",
            "evaluation pipeline",
            "invoice extraction pipeline",
        ),
        (
            "ML engineer to build a {thing}",
            "{skill} expert for a {thing}",
            "Prototype a {thing} with {skill}",
            "Improve accuracy of our {thing} ({skill}, {skill2})",
            "{skill} consultant: {thing}",
        ),
        (45, 200),
        (800, 30000),
    ),
    CategoryCorpus(
        "Video & Animation",
        (
            "Video Editing",
            "Motion Graphics",
            "After Effects",
            "Premiere Pro",
            "2D Animation",
            "3D Animation",
            "Explainer Videos",
            "YouTube Editing",
            "Color Grading",
            "DaVinci Resolve",
        ),
        (
            "product explainer video",
            "YouTube channel",
            "app promo video",
            "animated logo",
            "course videos",
            "social media shorts series",
        ),
        (
            "{skill} for our {thing}",
            "Editor for a {thing} ({skill})",
            "Create a {thing} with {skill}",
            "Ongoing {skill} and {skill2} for a {thing}",
        ),
        (20, 90),
        (150, 5000),
    ),
)

# A fixed-price contract's milestones, in the order the work goes.
MILESTONE_NAMES = (
    "Discovery and plan",
    "First working version",
    "Core features",
    "Integrations and data import",
    "Polish, tests and handover",
    "Launch support",
)

DURATIONS = ("Less than 1 month", "1 to 3 months", "3 to 6 months", "More than 6 months")

EXPERIENCE_LEVELS = ("entry", "intermediate", "expert")

COUNTRIES = (
    "United States",
    "United Kingdom",
    "Germany",
    "Canada",
    "Australia",
    "Netherlands",
    "France",
    "Sweden",
    "Singapore",
    "United Arab Emirates",
    "Israel",
    "Switzerland",
    "Ireland",
    "Spain",
    "Japan",
    "India",
    "Brazil",
    "Denmark",
    "Norway",
    "New Zealand",
)

COMPANY_FIRST = (
    "Northwind",
    "Bluebird",
    "Lumen",
    "Copperleaf",
    "Harbor",
    "Summit",
    "Brightline",
    "Oakridge",
    "Nimbus",
    "Quarry",
    "Fernhill",
    "Pioneer",
    "Silverline",
    "Tidewater",
    "Keystone",
    "Redwood",
    "Starling",
    "Juniper",
    "Ironbridge",
    "Meadow",
    "Atlas",
    "Cobalt",
    "Evergreen",
    "Foxglove",
)
COMPANY_SECOND = (
    "Labs",
    "Studio",
    "Analytics",
    "Health",
    "Logistics",
    "Media",
    "Robotics",
    "Foods",
    "Ventures",
    "Software",
    "Learning",
    "Travel",
    "Energy",
    "Capital",
    "Outdoors",
    "Collective",
)

FIRST_NAMES = (
    "Priya",
    "Marcus",
    "Elena",
    "Tom",
    "Aisha",
    "Jonas",
    "Mei",
    "Diego",
    "Sofia",
    "Liam",
    "Hannah",
    "Kenji",
    "Olivia",
    "Noah",
    "Fatima",
    "Lucas",
    "Chloe",
    "Mateo",
    "Ingrid",
    "Samuel",
)
LAST_NAMES = (
    "Shah",
    "Whitfield",
    "Rossi",
    "Becker",
    "Okafor",
    "Lindqvist",
    "Chen",
    "Alvarez",
    "Novak",
    "Murphy",
    "Schmidt",
    "Tanaka",
    "Dubois",
    "Kowalski",
    "Haddad",
    "Silva",
    "Moreau",
    "Jensen",
)

DESCRIPTION_OPENERS = (
    "We are a {size} {industry} company looking for help with a {thing}.",
    "Our team is building a {thing} and we need an experienced freelancer to join us.",
    "I run a small {industry} business and want to get a {thing} done properly this time.",
    "We are a funded {industry} startup ({size}) and are preparing a {thing} for our next release.",
    "Looking for a reliable professional to own our {thing} from start to finish.",
)
DESCRIPTION_SCOPE = (
    "The scope covers discovery, a short written plan, implementation and a handover session. "
    "You will work with our product lead, who is available most days for questions.",
    "We already have a rough draft and some notes; the job is to turn that into something polished "
    "and maintainable. We value clear communication more than speed.",
    "Deliverables: a first version within two weeks, then weekly iterations based on feedback. "
    "Please expect one call per week and async updates in chat otherwise.",
    "You will start from an existing codebase/material that has grown organically. Part of the work "
    "is cleaning up what is there, documenting decisions and leaving it better than you found it.",
    "Milestones will be agreed up front. We pay promptly and are happy to extend the contract "
    "if the first milestone goes well.",
)
DESCRIPTION_REQUIREMENTS = (
    "Must have: solid experience with {skills}. Nice to have: a portfolio of similar work.",
    "Requirements: proven track record with {skills}, good written English, overlap of a few hours "
    "with {tz} business hours.",
    "Please only apply if you have shipped real projects using {skills}. Share links, not screenshots.",
    "Ideal candidate knows {skills} well, asks questions early and writes things down.",
)
DESCRIPTION_CLOSERS = (
    'In your proposal, start with the word "{word}" so we know you read this, and tell us about a '
    "similar project.",
    "Please include your availability for the next month and a rough estimate.",
    "Short proposals are fine — tell us how you would approach the first week.",
    "We will interview a shortlist this week. Thanks for reading!",
)
INDUSTRIES = (
    "fintech",
    "healthcare",
    "e-commerce",
    "education",
    "logistics",
    "media",
    "travel",
    "real estate",
    "non-profit",
    "gaming",
    "climate tech",
    "legal tech",
)
COMPANY_SIZES = ("two-person", "10-person", "25-person", "mid-sized", "fast-growing")
TIMEZONES = ("US Eastern", "US Pacific", "Central European", "UK", "Singapore", "Australian Eastern")
CODE_WORDS = ("pineapple", "lighthouse", "blueprint", "marigold", "compass", "teapot")

COVER_LETTERS = (
    "Hi! I read your post carefully and this is very close to a project I delivered last quarter for a "
    "{industry} client. I would start by reviewing what you have, then propose a short plan with milestones. "
    "Happy to jump on a call this week.",
    "Hello, I have {years} years of experience with {skill} and have shipped several similar projects. "
    "I can start immediately, work in your time zone for a few hours every day, and I keep clients updated "
    "with short written notes at the end of each day.",
    "Your project caught my eye because it combines {skill} with a clear business goal. My approach: "
    "a one-week discovery with a written summary, then iterative delivery. "
    "Portfolio links are in my profile.",
)

# Chat material: each conversation walks through these phases in order; lines are picked per phase.
CLIENT_LINES: dict[str, tuple[str, ...]] = {
    "open": (
        "Hi Ada, thanks for your proposal! Do you have time for a quick call this week?",
        "Hello! We liked your proposal. Could you tell me a bit more about how you would start?",
        "Hi Ada — I'm {client_first} from {company}. Your profile looks like a great fit for this.",
    ),
    "scope": (
        "How soon could you start? We'd like to kick off next week.",
        "Would you prefer hourly or a fixed price for the first milestone?",
        "Can you share one or two similar projects you've done?",
        "The main thing for us is getting the first version out before the end of the month.",
        "We have some existing work that needs cleaning up first. Is that something you're comfortable with?",
        "Budget is fixed for the first milestone, but we can extend if things go well.",
        "Our designer shared the files in the drive folder. Let me know if you can't open them.",
        "One more thing: we need everything documented so our team can maintain it later.",
    ),
    "progress": (
        "Just checked the latest version — this is looking really good.",
        "Quick question: can we move the export button to the top bar?",
        "The team had a look and we have a couple of small change requests, sending them now.",
        "Thanks for the update. No rush on the second part, quality matters more.",
        "Could you share a short status before Friday? I'm presenting to our investors.",
        "We found a small issue on Safari, screenshot attached in the ticket.",
    ),
    "wrap": (
        "Approved the milestone — great work!",
        "Released the payment, thanks again. We'd love to keep working with you.",
        "I left you a review. Would you be open to a longer contract next month?",
        "Perfect, that's everything for this week. Talk on Monday!",
    ),
}
FREELANCER_LINES: dict[str, tuple[str, ...]] = {
    "open": (
        "Hi {client_first}, thanks for reaching out! Thursday afternoon works well for me.",
        "Hello! Happy to help. I'd start with a short review of what you have and send a written plan.",
        "Thanks {client_first}! I have a few questions about the scope before we start.",
    ),
    "scope": (
        "I can start on Monday and give you around 25 hours a week.",
        "For a first milestone I'd suggest a fixed price; hourly after that works well.",
        "Sure — I'll send two links with short notes on what I did there.",
        "That timeline works. I'd suggest splitting it into two milestones so you can review early.",
        "Yes, no problem — cleaning up existing work is a big part of what I usually do.",
        "Got the files, thanks. Everything opens fine.",
        "Understood. I'll write documentation as I go rather than at the end.",
        "Could you give me access to the staging environment?",
    ),
    "progress": (
        "Quick update: the first part is done, I pushed it for you to review.",
        "Sure, moving the export button is a small change. I'll include it in today's update.",
        "Fixed the Safari issue — it was a layout bug in older WebKit. Please check again.",
        "Status: milestone one is about 80% done, on track for Friday.",
        "I recorded a short walkthrough video so your team can see how it works.",
        "I noticed a couple of edge cases we didn't discuss; I listed them in the doc with options.",
    ),
    "wrap": (
        "Thank you! It was a pleasure working on this.",
        "Thanks for the quick approval. I'll send the handover notes tomorrow.",
        "I'd be happy to continue next month — let me know what's on the roadmap.",
        "Have a great weekend!",
    ),
}
# The simulator's replies when the freelancer wrote last.
CLIENT_REPLIES = (
    "Thanks, Ada! I'll take a look this afternoon.",
    "Got it, that makes sense.",
    "Great, let's go with your suggestion.",
    "Can you estimate how long that would take?",
    "Perfect. I'll loop in our product lead.",
    "Thanks for the quick turnaround!",
    "Looks good to me. Let's talk tomorrow.",
    "Hmm, let me check with the team and get back to you.",
)
INVITATION_MESSAGES = (
    "Hi Ada, I came across your profile and think you'd be a great fit for this project. Would you "
    "consider sending a proposal?",
    "Hello! We're looking for someone with exactly your background. Let me know if you're interested.",
    "Hi, a colleague recommended you. We'd love to hear your thoughts on this job.",
    "Your portfolio is impressive — we'd like to invite you to apply for our project.",
)
# A client writes first in a quiet room now and then (the simulator keeps conversations alive).
CLIENT_CHECK_INS = (
    "Hi Ada, quick check-in: how is it going on your side?",
    "Morning! Could you send a short status update when you have a minute?",
    "Hi Ada, we have a new idea we'd like your opinion on. Do you have time for a call this week?",
    "Just saw the latest changes, nice work. One small question about the next step.",
    "Hi! Our team reviewed last week's work and has a couple of comments. I'll summarise them here.",
    "Hello Ada, are you available for a few more hours next week?",
)

# Questions a client may ask every applicant (a share of jobs carries one to three of them).
SCREENING_QUESTIONS = (
    "Describe a recent project similar to this one. What was your part in it?",
    "How would you approach the first week of this job?",
    "Which parts of this job do you expect to be the hardest, and why?",
    "What is your availability in the next four weeks?",
    "Include a link to work you are proud of.",
    "Have you worked with a team in a different time zone? How did you keep in touch?",
    "What questions do you have for us before you start?",
)

SCREENING_ANSWERS = (
    "Last spring I rebuilt a very similar system for a logistics start-up; I owned the design and the "
    "delivery, and it has run without an incident since.",
    "I would spend the first days reading what exists and writing a one-page plan for us to agree on.",
    "I can give this about 25 hours a week for the next month, starting on Monday.",
    "The hardest part is usually the data nobody documented; I plan a day for finding it early.",
)
