"""English documents 1-6."""
from gen.model import Doc

DOCS = []

DOCS.append(Doc(
    file="en-office-manager-islgl.docx",
    lang="en",
    about="English version of a Russian-style instruction, Word DOCX: one list with Roman level 0 for the headings "
          "(\"I. GENERAL PROVISIONS\") and w:isLgl clause levels that print \"1.1.\", \"1.1.1.\"; APPROVED stamp in a "
          "borderless table; author signature and an AGREED visa; acknowledgement line.",
    position="Office Manager",
    title_form="Office Manager",
    organisation="Baltic Trade Services LLC",
    department=None,
    place=None,
    registration=None,
    approval={"kind": "stamp", "position": "General Director", "name": "A. V. Ivanov", "date": "2024-02-12"},
    author={"position": "HR Manager", "name": "K. S. Morozova"},
    visas=[{"position": "Chief Accountant", "name": "N. P. Sidorova"}],
    acknowledgement=True,
    top="""
Baltic Trade Services LLC|APPROVED
|General Director
|____________ A. V. Ivanov
|12 February 2024
""",
    title="""
JOB DESCRIPTION
Office Manager
""",
    body="""
= general | GENERAL PROVISIONS
The Office Manager belongs to the category of specialists and reports directly to the General Director.
A person with higher or secondary vocational education and at least one year of office administration experience is appointed to the position of Office Manager.
The Office Manager is appointed and dismissed by order of the General Director.
The Office Manager shall know:
  the company's structure, management and internal regulations;
  the rules of business correspondence and records management;
  office equipment, MS Office and the company's document management system;
  labour protection and fire safety rules.
During the absence of the Office Manager, the duties are performed by an employee appointed by order of the General Director.
= functions | FUNCTIONS
Administrative support of the company's office.
Management of incoming and outgoing correspondence.
Supply of the office with stationery, equipment and consumables.
= duties | JOB DUTIES
The Office Manager:
  receives visitors and answers incoming calls, directing them to the relevant employees;
  registers incoming and outgoing correspondence and monitors deadlines for replies;
  organises meetings and negotiations, books meeting rooms and prepares the necessary materials;
  orders stationery, drinking water and consumables and keeps records of their use;
  arranges business trips for employees, including tickets, hotels and visa support;
  maintains the office equipment in working order and calls service engineers when needed;
  keeps the time sheet of the office staff and passes it to the accounting department.
The Office Manager carries out individual instructions of the General Director within the scope of the position.
= rights | RIGHTS
The Office Manager has the right:
  to request from the company's departments the information needed to perform the job duties;
  to submit proposals to the General Director on improving the office's work;
  to sign documents within the limits of the authority granted.
= liability | LIABILITY
The Office Manager is liable for failure to perform or improper performance of the duties set out in this job description, within the limits established by the labour legislation of the Russian Federation.
The Office Manager is liable for causing material damage to the company, within the limits established by the labour and civil legislation of the Russian Federation.
= relationships | RELATIONSHIPS
The Office Manager interacts with all departments of the company on administrative matters and with the accounting department on supply payments.
""",
    tail="""
HR Manager|____________ K. S. Morozova
AGREED:|
Chief Accountant|____________ N. P. Sidorova
_
I have read this job description: ____________ ____________________ Date: ____________
""",
    r=dict(fmt="docx-word", top="table", num="islgl", halign="center", tail="table",
           meta_title="Job description", meta_author="Morozova"),
))

DOCS.append(Doc(
    file="en-software-engineer-gdocs.docx",
    lang="en",
    about="UK-style job description from Google Docs: label: value lines at the top (Job title / Department / Location "
          "are fields; Reports to / Salary / Contract / Job purpose are general clauses, README rule), Key "
          "accountabilities as Google bullets (duties), Person specification with bold Essential / Desirable "
          "sub-headings that become level-1 clauses with their bullets as children; no approval, no numbers at all.",
    position="Software Engineer",
    title_form=None,
    organisation="Brightpath Learning Ltd",
    department="Product Engineering",
    place="Manchester",
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=False,
    top="""
Brightpath Learning Ltd
""",
    title="""
JOB DESCRIPTION
""",
    after_title="""
*Job title: Software Engineer
*Department: Product Engineering
*Location: Manchester (hybrid, two days a week in the office)
""",
    body="""
= general [plain] |
Reports to: Engineering Manager
Salary: £48,000 – £55,000 per annum, depending on experience
Contract: Permanent, full time (37.5 hours per week)
Job purpose: To design, build and maintain the web applications that thousands of schools use every day, working in a small cross-functional team with product managers and designers.
= duties [bul] | Key accountabilities
Write clean, tested and well-documented code in TypeScript and Python.
Take part in planning, estimating and reviewing work with the rest of the team.
Review colleagues' code and share knowledge through pairing and internal talks.
Monitor the applications in production and help resolve incidents, including a share of the out-of-hours rota.
Improve the performance, accessibility and security of existing services.
Work with the data protection officer to make sure that pupil data is handled in line with UK GDPR.
Keep up to date with new tools and practices and suggest improvements to our ways of working.
= custom [bul] | Person specification
[label] Essential
  At least two years' experience of building web applications professionally.
  Good knowledge of TypeScript or JavaScript and one server-side language.
  Experience of automated testing and continuous integration.
  Clear written and spoken communication.
[label] Desirable
  Experience with React and PostgreSQL.
  Knowledge of the education sector.
  Familiarity with cloud infrastructure (AWS or Azure).
= custom | Additional information
This job description is not exhaustive and may be amended from time to time in consultation with the post holder.
The post is subject to an enhanced DBS check.
""",
    tail="",
    r=dict(fmt="docx-gdocs", top="none", num="simple", bul="dot", simple_levels=[("bullet", "●"), ("bullet", "○")],
           hnum="none", halign="left", calign="left", cfirst=0, size=11, font="Arial"),
))

DOCS.append(Doc(
    file="en-staff-accountant.rtf",
    lang="en",
    about="US-style job description in RTF from English Word (\\ansicpg1252): \\listtable bullets (Symbol) with cached "
          "\\listtext, a numbered duties list; label: value lines (Department is a field; Reports To, FLSA Status and "
          "Position Summary are general clauses), Essential Duties and Responsibilities (duties), Qualifications, Physical Demands and Work Environment (custom); no approval; "
          "an employee acknowledgement with signature and date lines.",
    position="Staff Accountant",
    title_form="Staff Accountant",
    organisation="Northfield Dental Group, Inc.",
    department="Finance",
    place=None,
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=True,
    top="""
Northfield Dental Group, Inc.
""",
    title="""
Job Description: Staff Accountant
""",
    after_title="""
Department: Finance\t\tRevised: March 2024
""",
    body="""
= general [plain] |
Reports To: Controller
FLSA Status: Exempt
Position Summary: The Staff Accountant prepares journal entries, reconciles balance sheet accounts and supports the monthly close for the company's twenty-two dental practices.
= duties | Essential Duties and Responsibilities
Prepare and post monthly journal entries, accruals and prepaid expense schedules.
Reconcile bank, credit card and intercompany accounts and resolve reconciling items within five business days of month end.
Maintain the fixed asset register and calculate depreciation.
Review vendor invoices and expense reports for accuracy and proper approval before payment.
Assist with the annual audit and prepare supporting schedules requested by the auditors.
Prepare sales and use tax returns and 1099 forms.
Perform other duties as assigned by the Controller.
Prepare month-end accruals for payroll and benefits in cooperation with the payroll team.
Maintain the accounting procedures manual and suggest process improvements.
= custom [bul] | Qualifications
Bachelor's degree in Accounting or Finance.
Two or more years of general ledger accounting experience.
Working knowledge of GAAP and advanced Excel skills.
Experience with QuickBooks Online or Sage Intacct preferred.
Strong attention to detail and the ability to meet deadlines.
= custom [bul] | Physical Demands
Prolonged periods of sitting at a desk and working on a computer.
Must be able to lift up to 15 pounds at times.
= custom [bul] | Work Environment
Office environment with a hybrid schedule after the first ninety days.
""",
    tail="""
Employee Acknowledgment
I have received and read this job description and understand the duties and responsibilities of the position.
Employee Signature: _____________________________\tDate: ______________
Printed Name: _____________________________
""",
    r=dict(fmt="rtf-en", top="none", num="simple", bul="sym", hnum="none", halign="left", hbold=True, calign="left",
           cfirst=0, size=11, font="Calibri", meta_title="Staff Accountant JD", meta_author="HR"),
))

DOCS.append(Doc(
    file="en-receptionist-web.html",
    lang="en",
    about="HTML job advert page from a school's website: navigation, cookie banner, \"Apply now\" and a footer around "
          "the text; job details as label: value paragraphs (Post and School are fields; Grade, Responsible to and Purpose are "
          "general clauses); headings in <h3>; duties and person specification as <ul> lists; Essential/Desirable as "
          "bold paragraphs; trailing source link.",
    position="School Receptionist",
    title_form=None,
    organisation="Oakfield Primary School",
    department=None,
    place="Leeds",
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=False,
    top="",
    title="""
School Receptionist – Job Description
""",
    after_title="""
Post: School Receptionist
School: Oakfield Primary School, Leeds
""",
    body="""
= general [plain] |
Grade: Band C, 32.5 hours per week, term time only plus one week
Responsible to: School Business Manager
Purpose of the job: To be the first point of contact for the school, providing a friendly and efficient reception service to pupils, parents, staff and visitors.
= duties [bul] | Main duties and responsibilities
Greet visitors, check identification, issue visitor badges and keep the signing-in system up to date.
Answer the telephone and e-mail enquiries, taking and passing on messages accurately.
Record pupil absences and contact parents when a child is absent without explanation, in line with the attendance policy.
Administer first aid and medication according to the school's procedures once trained.
Maintain pupil and staff records in the school's management information system.
Process dinner money and trip payments through the online payment system.
Prepare letters, newsletters and other documents for the Headteacher and staff.
Follow safeguarding procedures and report any concerns to the Designated Safeguarding Lead.
Order stationery and office supplies and keep the stock room tidy.
Help with the arrangements for parents' evenings and school events.
= custom [bul] | Person specification
[label] Essential
  GCSE English and Maths at grade 4 (C) or above.
  Experience of working in a busy reception or office.
  Good IT skills, including Word, Excel and e-mail.
  A warm, calm and professional manner.
[label] Desirable
  Experience of working in a school.
  A current first aid certificate.
  Experience of SIMS or Arbor.
""",
    tail="",
    r=dict(fmt="html", top="none", num="simple", bul="dot", hnum="none", html_lists="ol", html_head="h3",
           label_bold=True,
           html_before="""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Vacancies | Oakfield Primary School</title></head><body>
<div id="cookie">We use cookies to make this website work. <a href="/cookies">Cookie settings</a> <button>Accept all</button></div>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/vacancies">Vacancies</a> | <a href="/contact">Contact</a></nav>
<main>""",
           html_after="""<p><a class="btn" href="/vacancies/apply?id=114">Apply now</a></p>
<p>Closing date: 19 April 2024, 12 noon.</p>
</main>
<footer><p>Oakfield Primary School, Moor Lane, Leeds LS7 9QT</p><p>Source: https://www.oakfield-primary.org.uk/vacancies/receptionist</p></footer>
</body></html>""",
           html_noise=["We use cookies to make this website work. Cookie settings Accept all",
                       "Home | About us | Vacancies | Contact", "Apply now", "Closing date: 19 April 2024, 12 noon.",
                       "Oakfield Primary School, Moor Lane, Leeds LS7 9QT",
                       "Source: https://www.oakfield-primary.org.uk/vacancies/receptionist"]),
))

DOCS.append(Doc(
    file="en-care-assistant.txt",
    lang="en",
    about="Plain text (UTF-8, LF) of a UK care-home job description: label: value lines, headings followed by a colon, "
          "\"•\" bullets typed by hand with sub-items indented and marked \"o\"; no approval.",
    position="Care Assistant",
    title_form=None,
    organisation="WILLOW COURT CARE HOME",
    department=None,
    place=None,
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=True,
    top="""
WILLOW COURT CARE HOME
""",
    title="""
JOB DESCRIPTION
""",
    after_title="""
Job title: Care Assistant
""",
    body="""
= general [plain] |
Responsible to: Senior Care Assistant / Registered Manager
Hours: 36 hours per week on a rota including nights, weekends and bank holidays
Job summary: To provide high-quality personal care and support to residents, respecting their dignity, privacy and choices at all times.
= duties | Main duties:
Help residents with washing, bathing, dressing, eating and using the toilet, following their care plans.
Support residents to move safely, using hoists and other equipment as trained.
Record care given, food and fluid intake and any changes in a resident's condition in the electronic care records.
Report concerns about a resident's health or wellbeing to the senior on duty without delay.
Take part in activities with residents and encourage them to keep their independence.
Follow the home's policies on:
  infection prevention and control;
  safeguarding adults;
  health and safety, including fire procedures.
Attend supervision, team meetings and mandatory training.
Help residents to keep in touch with their families and friends.
Keep residents' rooms clean and tidy and their clothes and belongings properly labelled.
= custom | Person specification:
Ability to read and write English well enough to complete care records.
Kindness, patience and good communication skills.
Willingness to complete the Care Certificate within twelve weeks of starting.
Willingness to work flexibly, including nights and weekends.
Previous care experience is desirable but not essential.
""",
    tail="""
Signed (employee): ____________________   Date: ___________
Signed (manager): _____________________   Date: ___________
""",
    r=dict(fmt="txt", top="none", num="typed", hnum="none", markers=["bullet", "o"], sep=" ", eol="\n",
           txt_indent="    "),
))

DOCS.append(Doc(
    file="en-security-officer.odt",
    lang="en",
    about="ODT (LibreOffice) of a Russian company's English instruction: headings typed in capitals with numbers, typed "
          "clause numbers, APPROVED stamp as a tab-aligned block, \"(a)\" sub-items; relationships section missing.",
    position="Security Officer",
    title_form="Security Officer",
    organisation="Nord Logistics Park JSC",
    department="Security Service",
    place=None,
    registration=None,
    approval={"kind": "stamp", "position": "Head of Security Service", "name": "V. I. Gromov", "date": "2023-07-01"},
    author=None,
    visas=[],
    acknowledgement=True,
    top="""
Nord Logistics Park JSC|APPROVED
Security Service|Head of Security Service
|__________ V. I. Gromov
|01.07.2023
""",
    title="""
JOB DESCRIPTION OF THE SECURITY OFFICER
""",
    body="""
= general | GENERAL PROVISIONS
The Security Officer is a worker and reports to the shift supervisor of the Security Service.
A person holding a private security guard licence and having no medical contraindications is appointed to the position.
The Security Officer shall know:
  the site security instructions and the access control procedure;
  the rules for using special equipment and means of communication;
  the procedure in case of fire, alarm activation or an emergency.
= duties | DUTIES
The Security Officer shall:
  check the passes of employees, visitors and vehicles at the checkpoint;
  inspect incoming and outgoing vehicles and cargo against the accompanying documents;
  patrol the warehouse area according to the approved route and schedule;
  monitor the CCTV system and respond to alarm signals;
  record all incidents in the shift log and report them to the shift supervisor.
  issue and collect keys and record them in the key register;
  accompany the fire brigade, ambulance or police on the site when they are called.
= rights | RIGHTS
The Security Officer has the right to refuse entry to persons without valid passes.
The Security Officer has the right to detain persons suspected of theft until the police arrive, in accordance with the law.
The Security Officer has the right to receive uniform and personal protective equipment.
The Security Officer has the right to make proposals for improving the security of the site.
= liability | LIABILITY
The Security Officer is liable for failure to perform the duties set out in this job description and for disclosure of information about the security arrangements of the site.
The Security Officer is liable for damage to the company's property caused through the officer's fault, within the limits set by law.
""",
    tail="""
I have read this job description:
____________ /____________________/ «___» ____________ 20__
""",
    r=dict(fmt="odt", top="tabs", tabs_n=6, num="typed", hnum="arabic", halign="left", markers=["num", "eletter"],
           sep=" "),
))
