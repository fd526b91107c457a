"""English documents 7-12."""
from gen.model import Doc

DOCS = []

DOCS.append(Doc(
    file="en-teaching-assistant.doc",
    lang="en",
    about="Binary Word 97 .doc of a UK school job description: Main purpose as a label: value line, Main duties split "
          "by bold unnumbered sub-headings (Support for pupils / for the teacher / for the school) that become level-1 "
          "clauses with their numbered items as children (one auto list whose numbers run on across the sub-headings, "
          "1.–10.); no approval; "
          "signature lines for the post holder and the headteacher (counted as the acknowledgement); the closing "
          "section \"General\" is custom (general notes), not general provisions.",
    position="Teaching Assistant (Level 2)",
    title_form=None,
    organisation="St Mary's Church of England Primary School",
    department=None,
    place=None,
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=True,
    top="""
St Mary's Church of England Primary School
""",
    title="""
JOB DESCRIPTION
""",
    after_title="""
*Post title: Teaching Assistant (Level 2)
""",
    body="""
= general [plain] |
Grade: Scale 3, points 5–6
Responsible to: Headteacher and class teachers
Main purpose: To work under the instruction and guidance of teaching staff to support the learning of pupils, individually and in groups, inside and outside the classroom.
= duties | Main duties
[label] Support for pupils
  Supervise and support pupils, ensuring their safety and access to learning.
  Help pupils with special educational needs to follow their individual support plans.
  Encourage pupils to work independently and to take part in class activities.
  Promote good pupil behaviour in line with the school's behaviour policy.
[label] Support for the teacher
  Prepare the classroom and learning resources as directed by the teacher.
  Give feedback to the teacher on pupils' progress and record observations.
  Deliver short intervention programmes to small groups of pupils.
[label] Support for the school
  Be aware of and follow school policies, especially those on child protection and safeguarding.
  Accompany teaching staff and pupils on visits, trips and out-of-school activities.
  Attend relevant meetings and training.
  Support the school's extra-curricular clubs when asked.
  Help with the supervision of pupils at break and lunch times.
= custom | General
The duties above are not exhaustive; the post holder may be asked to carry out other duties of a similar level that the Headteacher reasonably requests.
""",
    tail="""
Post holder's signature: __________________________  Date: ____________
Headteacher's signature: __________________________  Date: ____________
""",
    r=dict(fmt="doc", top="none", num="simple", hnum="none", halign="left", calign="left", cfirst=0,
           simple_levels=[("decimal", "%1."), ("decimal", "%2.")], size=11, font="Arial"),
))

DOCS.append(Doc(
    file="en-sales-executive-web.txt",
    lang="en",
    about="A job description copied from a recruitment site with every line break lost (one paragraph): the site's "
          "navigation before it and \"Apply / Share / Report this job\" and the source URL after it; Job title and "
          "Location are fields, the other label: value items general clauses; duties and requirements run together "
          "as \"-\" items.",
    position="Field Sales Executive",
    title_form=None,
    organisation="Greenleaf Packaging Ltd",
    department=None,
    place="Birmingham",
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=False,
    top="",
    title="""
Field Sales Executive – Greenleaf Packaging Ltd
""",
    after_title="""
Job title: Field Sales Executive
Location: Birmingham and the West Midlands
""",
    body="""
= general [plain] |
Salary: £32,000 basic plus uncapped commission and a company car
Reporting to: Regional Sales Manager
= duties | What you will do:
Win new business with food manufacturers and distributors across the region.
Manage a portfolio of around sixty existing customers and grow their spend.
Visit customers and prospects at least three days a week.
Prepare quotations and negotiate prices within agreed margins.
Keep the CRM system up to date with all calls, visits and opportunities.
Attend trade shows and industry events.
= custom | What we are looking for:
At least two years of B2B field sales experience, ideally in packaging or manufacturing.
A full UK driving licence.
A proven record of meeting or beating sales targets.
""",
    tail="",
    r=dict(fmt="web", top="none", num="typed", hnum="none", markers=["dash"], sep=" ",
           web_before=["Jobs", "Companies", "Salaries", "Sign in", "Home › Sales jobs › Birmingham"],
           web_after=["Apply now", "Save", "Share", "Report this job", "Posted 3 days ago · 41 applicants",
                      "Source: https://www.jobfinder-uk.example/jobs/field-sales-executive-83121"]),
))

DOCS.append(Doc(
    file="en-hr-advisor-pandoc.md",
    lang="en",
    about="Markdown converted by pandoc from a Word file with one multi-level list: the section headings are top-level "
          "list items \"1.  **GENERAL PROVISIONS**\", the clauses nested lists indented by four spaces and numbered "
          "afresh from 1 (pandoc drops the \"1.1.\" form), third-level items nested again; stamp as a grid table; "
          "text hard-wrapped at 72 columns.",
    position="HR Advisor",
    title_form="HR Advisor",
    organisation="Caspian Engineering LLP",
    department="Human Resources",
    place="Almaty",
    registration=None,
    approval={"kind": "stamp", "position": "Managing Director", "name": "T. K. Abenov", "date": "2024-01-22"},
    author={"position": "Head of Human Resources", "name": "S. M. Nurlanova"},
    visas=[],
    acknowledgement=True,
    top="""
Caspian Engineering LLP|*APPROVED
Human Resources|Managing Director
Almaty|____________ T. K. Abenov
|22 January 2024
""",
    title="""
JOB DESCRIPTION
HR Advisor
""",
    body="""
= general | GENERAL PROVISIONS
The HR Advisor is a specialist and reports to the Head of Human Resources.
A person with a university degree in human resource management, law or psychology and at least two years of experience in personnel administration is appointed to this position.
The HR Advisor shall know:
  the Labour Code of the Republic of Kazakhstan and other regulations on employment;
  the company's internal labour regulations and HR policies;
  the procedure for keeping personnel records and archiving them.
= duties | DUTIES
The HR Advisor:
  prepares employment contracts, orders and other documents on hiring, transfer and dismissal;
  keeps personal files of employees and enters data into the HR information system;
  organises the onboarding of new employees and the annual appraisal;
  advises managers on the application of labour law and HR policies;
  prepares the vacation schedule and monitors its observance.
The HR Advisor takes part in recruitment:
  places vacancy announcements and screens candidates;
  arranges interviews with line managers.
  prepares job offers and checks candidates' documents before hiring.
= rights | RIGHTS
The HR Advisor has the right to request from departments the documents and information needed for HR administration.
The HR Advisor has the right to propose improvements to HR processes.
The HR Advisor has the right to attend training and professional events at the company's expense.
= liability | LIABILITY
The HR Advisor is liable for improper performance of the duties, for breaching the deadlines for HR documents and for disclosing employees' personal data.
= relationships | RELATIONSHIPS
The HR Advisor works with line managers on recruitment and appraisal and with the accounting department on payroll data.
""",
    tail="""
Head of Human Resources \\_\\_\\_\\_\\_\\_\\_\\_\\_ S. M. Nurlanova
I have read this job description: \\_\\_\\_\\_\\_\\_\\_\\_\\_ Date: \\_\\_\\_\\_\\_\\_
""".replace("\\\\_", "_"),
    r=dict(fmt="md", top="table", num="multi", md_wrap=72),
))

DOCS.append(Doc(
    file="en-delivery-driver-libreoffice.docx",
    lang="en",
    about="DOCX written by LibreOffice (converted from Word): a separate list per section with the prefix hard-coded "
          "in the level text (\"2.%1.\") and sub-items in further lists at level 0 (\"2.4.%1.\"); headings typed with "
          "numbers in capitals; APPROVED stamp right-aligned; signature with captions; ACCOUNTABILITY is the liability "
          "section (it holds what the driver answers for); no rights section.",
    position="Delivery Driver",
    title_form="Delivery Driver",
    organisation="FreshBox Foods Ltd",
    department=None,
    place=None,
    registration=None,
    approval={"kind": "stamp", "position": "Operations Director FreshBox Foods Ltd", "name": "J. Whitaker", "date": "2023-09-04"},
    author={"position": "Transport Manager", "name": "P. Kowalski"},
    visas=[],
    acknowledgement=True,
    top="""
|APPROVED
|Operations Director
|FreshBox Foods Ltd
|_____________ J. Whitaker
|4 September 2023
""",
    title="""
JOB DESCRIPTION: DELIVERY DRIVER
""",
    body="""
= general | GENERAL
The Delivery Driver reports to the Transport Manager.
The post holder must hold a full category C1 driving licence, a valid Driver CPC card and a digital tachograph card.
The Delivery Driver works shifts, including early mornings and weekends, according to the rota.
= duties | RESPONSIBILITIES
Carry out a daily walk-round check of the vehicle before the first journey and report any defects.
Load the vehicle in route order and check the delivery paperwork against the load.
Deliver chilled and frozen goods to customers on time and in perfect condition.
Keep the cargo area within the required temperature range:
  check the temperature display at every stop;
  record the readings on the handheld device;
  inform the Transport Manager immediately if the unit fails.
Obtain customer signatures or photographs as proof of delivery.
Drive safely and comply with drivers' hours rules and the Highway Code.
Return the vehicle clean and tidy at the end of the shift and refuel it when needed.
Handle returns and collect empty crates, checking them against the returns note.
Report accidents, near misses and damage to the vehicle or customer property on the same day.
Be polite and helpful to customers and represent the company professionally.
Keep the vehicle's cab free of rubbish and the delivery equipment in good order.
= liability | ACCOUNTABILITY
The Delivery Driver is responsible for the vehicle and the goods while they are in the driver's care.
The Delivery Driver is responsible for any fines incurred through breaking traffic or parking rules.
The Delivery Driver is responsible for the accuracy of delivery records and the cash collected from customers.
""",
    tail="""
Transport Manager _____________ P. Kowalski
                           (signature)          (name)
_
Employee: _____________ _____________ Date: __________
""",
    r=dict(fmt="docx-lo", top="right", num="prefix", hnum="arabic", halign="left"),
))

DOCS.append(Doc(
    file="en-staff-nurse-header-style.docx",
    lang="en",
    about="Word DOCX: every paragraph in the \"Header\" style (the text was pasted into a header-based template); "
          "headings typed in lower case and shown in capitals through w:caps; the APPROVED stamp in a floating text "
          "box (mc:AlternateContent with wps:txbx and a v:textbox fallback holding the same text); typed numbers; "
          "footer with a PAGE field; \"Responsibility\" is the liability section (a translation of Ответственность; "
          "it could be misread as duties).",
    position="Staff Nurse",
    title_form="Staff Nurse",
    organisation="Riverside Private Hospital",
    department="Surgical Ward",
    place=None,
    registration=None,
    approval={"kind": "stamp", "position": "Director of Nursing", "name": "H. Okafor", "date": "2024-05-07"},
    author={"position": "Ward Manager", "name": "L. Brennan"},
    visas=[],
    acknowledgement=True,
    top="""
Riverside Private Hospital|APPROVED
Surgical Ward|Director of Nursing
|________________ H. Okafor
|07/05/2024
""",
    title="""
_
_
JOB DESCRIPTION
Staff Nurse
""",
    body="""
= general | General provisions
The Staff Nurse is accountable to the Ward Manager and works as part of the multidisciplinary team of the surgical ward.
The post holder must be a registered nurse with active registration with the Nursing and Midwifery Council.
The Staff Nurse must know the hospital's clinical policies, the medicines management policy and the procedures for infection prevention.
= duties | Duties and responsibilities
Assess, plan, deliver and evaluate the care of patients before and after surgery.
Administer medicines safely and record them on the electronic prescribing system.
Monitor patients' vital signs and escalate deteriorating patients using the early warning score.
Prepare patients for theatre and receive them back on the ward.
Keep accurate and contemporaneous nursing records.
Communicate clearly with patients and their families and involve them in decisions about care.
Participate in ward rounds and implement the plans agreed with the surgical team.
Maintain a safe environment, including the correct use and cleaning of clinical equipment.
Complete mandatory training and keep a record of continuing professional development for revalidation.
Support and supervise healthcare assistants and student nurses.
Take charge of the ward in the absence of the Ward Manager when competent to do so.
= rights | Rights
The Staff Nurse has the right to receive the training, supervision and equipment needed to practise safely.
The Staff Nurse has the right to raise concerns about patient safety without fear of detriment.
The Staff Nurse has the right to request changes to the rota in line with the flexible working policy.
= liability | Responsibility
The Staff Nurse is responsible for practising within the NMC Code and for the accuracy of the records made.
The Staff Nurse is responsible for the safe custody of controlled drugs when holding the keys.
The Staff Nurse is responsible for maintaining patient confidentiality in line with data protection law.
""",
    tail="""
Ward Manager\t\t________________ L. Brennan
_
I have read and understood this job description.
Name: ____________________ Signature: ____________________ Date: ____________
""",
    r=dict(fmt="docx-word", top="textbox", num="typed", hcaps=True, hnum="arabic", halign="left",
           cstyle="header", hstyle_same=True, markers=["num"], sep="\t",
           footer=["^[PAGE]"], size=11, font="Arial"),
))

DOCS.append(Doc(
    file="en-warehouse-supervisor-headings.docx",
    lang="en",
    about="US-style Word DOCX with real Heading 1 styles for the section titles: a header table of label/value pairs "
          "(Job Title / Department / Location are fields; Reports To, Shift, FLSA Status and Job Summary general "
          "clauses), "
          "Essential Duties and Responsibilities with Wingdings bullets (U+F0A7) and \"o\" sub-bullets, "
          "Qualifications and Physical Demands (custom); the header lines inside content controls (w:sdt) left from "
          "the template; no approval.",
    position="Warehouse Supervisor",
    title_form="Warehouse Supervisor",
    organisation="Summit Home Supply Co.",
    department="Distribution",
    place="Columbus, Ohio",
    registration=None,
    approval=None,
    author=None,
    visas=[],
    acknowledgement=False,
    top="""
Summit Home Supply Co.
""",
    title="""
Warehouse Supervisor
""",
    after_title="""
@Job Title: Warehouse Supervisor\tDepartment: Distribution
@Location: Columbus, Ohio
""",
    body="""
= general [plain] |
Reports To: Distribution Center Manager
Shift: Second shift (2:00 pm – 10:30 pm)
FLSA Status: Non-exempt
Job Summary: The Warehouse Supervisor leads a team of twelve to fifteen associates on the second shift and makes sure that orders are received, stored, picked and shipped safely, accurately and on time.
= duties [bul] | Essential Duties and Responsibilities
Plan the shift's work and assign associates to receiving, put-away, picking and loading.
Monitor productivity and accuracy against daily targets and take corrective action.
Train new associates in safe work practices and warehouse procedures.
Enforce safety rules, including:
  powered industrial truck operation;
  lockout/tagout procedures;
  housekeeping and clear aisles.
Investigate inventory discrepancies and damaged goods and report the findings.
Schedule associates' breaks and approve overtime within the agreed budget.
Conduct cycle counts and support the annual physical inventory.
Coordinate with carriers on inbound appointments and outbound pickups.
Prepare shift reports and hand over open issues to the next shift.
= custom [bul] | Qualifications
High school diploma or GED; associate degree preferred.
Three years of warehouse experience, including one year in a lead or supervisory role.
Working knowledge of a warehouse management system and Microsoft Excel.
Forklift certification or the ability to obtain it within thirty days.
= custom [bul] | Physical Demands
Standing and walking for most of the shift; lifting up to 50 pounds.
Working in a warehouse that is not air-conditioned, with temperatures between 40°F and 95°F.
""",
    tail="",
    r=dict(fmt="docx-word", flavour="word-en", top="none", num="simple", bul="wingdings", sub="o-bullet",
           hnum="none", hstyle="heading1", halign="left", calign="left", cfirst=0, size=11, font="Calibri"),
))
