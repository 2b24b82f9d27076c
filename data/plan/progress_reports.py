"""Hand-extracted progress reports on the JAR recommendations (recommendation level, action_id blank).

Each entry: (report, rec_ids, quote, context). The quote is an exact substring of one line of the seed; its line
number is found by searching the document and must be unique. `context` is the heading the line sits under in
the source (e.g. "What we have achieved so far"), prefixed to progress_text so the status rules can read it;
it is never part of the quote. One quote that names several recommendations gives one row per recommendation.
"""

from __future__ import annotations

from data.seedcheck import seed_lines

REPORTS = {
    "0324": (
        "2006-03-24",
        "001_b46cc8812e60abd1.txt",
        "Summary progress report as at 24 March 2006 (Cabinet 30 March 2006)",
    ),
    "0519": ("2006-05-19", "004_fbd8def23261e3f4.txt", "Summary progress report 19 May 2006"),
    "0531": ("2006-05-31", "000_2a4c1fcaad081570.txt", "APA self-assessment 31 May 2006"),
    "0124": (
        "2008-01-24",
        "002_2fdbf91cb6f1887a.txt",
        "Cabinet report 24 January 2008: 2007 APA and end of Government Office intervention",
    ),
}
ACH = "What we have achieved so far: "
CHAL = "Challenges remaining: "
STR = "2007 APA strength: "
AFI = "2007 APA area for improvement: "

ENTRIES: list[tuple[str, tuple[int, ...], str, str]] = [
    # --- 24 March 2006: the summary table at the end of the plan (001 lines 851-876)
    (
        "0324",
        (1,),
        "Work in progress. Most items completed. The major remaining action to be completed is the analysis of activity levels, referral rates and target setting for 06/07. This is subject to a review of files to verify data accuracy.",
        "",
    ),
    (
        "0324",
        (2,),
        "New interagency safeguarding booklet produced and issued for operational use following consultation with multi-agency Child Concern Model Consultants. Further communications work and “road shows” across all agencies to be rolled out April and May 2006.",
        "",
    ),
    (
        "0324",
        (3,),
        "Action plan produced and outline strategy being completed; details of this included in Children & Young People’s Plan.",
        "",
    ),
    (
        "0324",
        (4,),
        "Procedure and system in place; regular monitoring and audit by local manager implemented as part of strengthened audit and supervision arrangements.",
        "",
    ),
    (
        "0324",
        (5,),
        "Common Assessment is being developed for implementation through pilots starting in September 2006.",
        "",
    ),
    (
        "0324",
        (6,),
        "Refocusing of Child Concern Model Consultants role developed and the Consultants have been involved in recent event to consider implications of this and to agree",
        "",
    ),
    (
        "0324",
        (6,),
        "Roll out of revised guidance and of road show and training for groups of staff will take place in April and May to reinforce developments.",
        "",
    ),
    (
        "0324",
        (7,),
        "Close partnership working with the PCT on this with all immediate action required delivered.",
        "",
    ),
    ("0324", (8,), "Required action completed.", ""),
    (
        "0324",
        (9,),
        "Development work is under way and progress is as required within timescales prescribed.",
        "",
    ),
    ("0324", (10,), "Progress has been made and actions to date completed as per required timescales.", ""),
    ("0324", (11,), "Work on this issue is progressing in line with the timetable", ""),
    (
        "0324",
        (12,),
        "Review of planning in place has been completed as feed-in to production of Children and Young People’s Strategic Plan for 1st April 2006.",
        "",
    ),
    (
        "0324",
        (12,),
        "Associated and resource requirements work needs further consideration within plans for restructuring and reconfiguration of the whole children's services department.",
        "",
    ),
    ("0324", (13,), "Scoping of required information needs and systems is under way.", ""),
    ("0324", (14,), "Work competed to justify this but further progress dependent on outcome of this.", ""),
    (
        "0324",
        (15,),
        "Significant progress made. Hear by Rights Standard adopted. Ongoing monitoring of progress will be required. Shadow C&YPPB and Youth Council in place.",
        "",
    ),
    (
        "0324",
        (16,),
        "Work in progress. Progress on housing for care leavers. Further work on provision for homeless young people required.",
        "",
    ),
    (
        "0324",
        (17,),
        "Weekly reporting to cabinet member, Leader and Chief Executive in place regarding progress against this action plan.",
        "",
    ),
    (
        "0324",
        (17,),
        "Initial consideration has been given to the development of a work programme for the Childrens Services Scrutiny Committee",
        "",
    ),
    # --- 19 May 2006 (004)
    (
        "0519",
        (1,),
        "All milestones /actions now completed. Various performance monitoring systems are in place to test that the criteria are being operated properly.",
        "",
    ),
    (
        "0519",
        (2,),
        'Further communications work and "road shows" on Child Concern Model and new requirements of common processes – Common Assessment - across all agencies have been rolled out from April 2006.',
        "",
    ),
    ("0519", (2,), "Testing and survey of implementation continues.", ""),
    (
        "0519",
        (3,),
        "Workforce strategy for social care completed. Details of this are included in Children & Young People's Plan.",
        "",
    ),
    ("0519", (3,), "There are no unallocated cases held by the Duty Team.", ""),
    (
        "0519",
        (3,),
        "There are still some hard to fill vacancies e.g. for specialist support to Local Safeguarding Children Board.",
        "",
    ),
    (
        "0519",
        (4,),
        "System in place and operating properly. Regular management checks to ensure compliance.",
        "",
    ),
    (
        "0519",
        (5,),
        "Common Assessment is being developed for implementation through pilots developing from July 2006.",
        "",
    ),
    (
        "0519",
        (5,),
        "A draft Information Sharing strategy was presented to the CYPPB on 15 th May 2006; this is for consultation till the end of June 2006.",
        "",
    ),
    (
        "0519",
        (6,),
        "A two-day training package has been designed for CCM consultants and will be rolled out alongside road shows for staff on common assessment and processes.",
        "",
    ),
    ("0519", (8,), "Required action completed.", ""),
    (
        "0519",
        (8,),
        "All new referrals since January have been seen within The local 12 week target. (There is currently no national target).",
        "",
    ),
    (
        "0519",
        (9,),
        "Development work is under way and progress is as required within timescales prescribed.",
        "",
    ),
    ("0519", (10,), "Progress has been made and actions to date completed as per required timescales.", ""),
    (
        "0519",
        (11,),
        "Work on this issue is progressing in line with the timetable. As above, for all the recommendations 8-11, support and challenge",
        "",
    ),
    (
        "0519",
        (12,),
        "CYP's Plan has been completed and approved by Cabinet and CYP's partnership Board. Forward Delivery Plan for CYP's Plan is being developed for completion by end June 2006.",
        "",
    ),
    (
        "0519",
        (12,),
        "The Councils funding of £100K towards the delivery of this plan and the PCT's ongoing £70K funding for Family Support Services has been secured for 06/07.",
        "",
    ),
    ("0519", (13,), "Scoping of required information needs and systems is under way.", ""),
    (
        "0519",
        (13,),
        "The action required will be aligned with the Herefordshire Connects programme and its timescales.",
        "",
    ),
    (
        "0519",
        (14,),
        "Proposals in place, including a Public Finance Initiative (PFI) bid to government. Work competed to justify this. Also identifying a more local approach to meeting the needs of the most vulnerable young people",
        "",
    ),
    (
        "0519",
        (15,),
        "Progress made. Hear by Rights Standard adopted but dedicated resources and monitoring will be required if we are to implement it successfully.",
        "",
    ),
    (
        "0519",
        (16,),
        "Offers have now been accepted on 3 properties for care leavers and it is currently anticipated they will be ready for occupancy in June; on target to secure a further 3-7 units of additional provision.",
        "",
    ),
    ("0519", (16,), "Further work on provision for homeless young people required. This will be taken", ""),
    (
        "0519",
        (17,),
        "Weekly reporting to cabinet member, Leader and Chief Executive in place regarding progress against this action plan.",
        "In place as follows: ",
    ),
    (
        "0519",
        (17,),
        "A developmental programme for the Children's Services Scrutiny Committee is being planned with the member development working party",
        "",
    ),
    # --- 31 May 2006: APA self-assessment (000)
    (
        "0531",
        (1,),
        "Further development of the existing Child Concern Model to redefine and widen the criteria for social work involvement",
        ACH,
    ),
    (
        "0531",
        (2,),
        "Publication and dissemination of a new leaflet for all those working with children to explain the changed criteria (REC 2)",
        ACH,
    ),
    ("0531", (3,), "has enabled new temporary and permanent staff to be recruited (REC 3)", ACH),
    (
        "0531",
        (1, 2, 4, 17),
        "Appointment of a manager to lead regular independent professional scrutiny and analysis of children's social work (REC 1,2,4 and 17)",
        ACH,
    ),
    (
        "0531",
        (12,),
        "LSCB funding £149k and additional preventative service funding of £70k already identified within the Council and also by partners (REC 12). Three additional OTs appointed to improve access to service. (REC 8)",
        ACH,
    ),
    ("0531", (8,), "Three additional OTs appointed to improve access to service. (REC 8)", ACH),
    (
        "0531",
        (14,),
        "Funding bid made to DoH which will lead to improved access to multi-agency Tier 4 CAMHS provision (REC 14)",
        ACH,
    ),
    (
        "0531",
        (15,),
        "Shadow CYP's Partnership Board established to improve consultation with and involvement of children and young people (REC 15): Youth Council established.",
        ACH,
    ),
    (
        "0531",
        (17,),
        "To implement a developed and coherent performance management system which operates seamlessly across all levels of children's services",
        CHAL,
    ),
    (
        "0531",
        (13, 17),
        "To ensure that data collation and handling in children's social care and across the whole of children's services, is effective",
        CHAL,
    ),
    (
        "0531",
        (3,),
        "Recruiting and retaining permanent social work staff to vacancies. Further work is required through the Workforce Strategy with CWDC support (REC 3).",
        CHAL,
    ),
    (
        "0531",
        (12,),
        "Delivering resources and capacity to ensure full delivery of the JAR Performance Improving Action Plan and for the CYPPlan (REC 12).",
        CHAL,
    ),
    (
        "0531",
        (5, 6),
        "Transformation of the existing Child Concern Model to develop Herefordshire's Common Assessment framework to meet additional national requirements (REC 5,6)",
        CHAL,
    ),
    (
        "0531",
        (1,),
        "As a result the number of referrals to the duty service and the number of initial assessments completed has risen.",
        "",
    ),
    (
        "0531",
        (4,),
        "Ensuring all contacts with the duty social work team are recorded with new systems in place and additional supervisory and casework monitoring arrangements.",
        "",
    ),
    (
        "0531",
        (3,),
        "Recruitment to vacant social work posts (8) and an increase in the number of duty social workers (2, plus an Assistant Team Manager).",
        "",
    ),
    (
        "0531",
        (2,),
        "Information about thresholds has been distributed widely and additional training sessions have been held with the Child Concern Model consultants and others.",
        "",
    ),
    ("0531", (5,), "Development of common processes (CAF arrangements) are under way.", ""),
    (
        "0531",
        (6,),
        "Supporting materials and guidance for the new framework will be included in the training programmes to be commissioned for October-December 2006, prior to pilot.",
        "",
    ),
    (
        "0531",
        (7,),
        "Immediate measures have been taken to ensure that healthcare assessments and planning for children Looked After are effective. All assessments have been audited.",
        "",
    ),
    (
        "0531",
        (8,),
        "This has improved significantly. A 12-week target from referral to assessment is now being met.",
        "",
    ),
    (
        "0531",
        (14,),
        "This remains challenging since Tier 4 provision is Birmingham-based and historically under-provided across the region.",
        "",
    ),
    (
        "0531",
        (11,),
        "Further work is in progress and the Council for Disabled Children is assisting with developing a series of workshops with parents",
        "",
    ),
    ("0531", (10,), "Short-listing is under way for 2 posts a lead worker and a transitions worker.", ""),
    ("0531", (9,), "resulting in the appointment of a shared Care Social Worker 01.06.06.", ""),
    ("0531", (15,), "The Herefordshire Youth Council was set up in March, '06 following elections.", ""),
    (
        "0531",
        (15,),
        "The Council now has a consultation strategy and is adopting the Hear By Right standards.",
        "",
    ),
    (
        "0531",
        (16,),
        "The Council has brought homelessness and Housing Advice Services back in-house with a renewed focus on prevention",
        "",
    ),
    (
        "0531",
        (16,),
        "Strategic Housing and Social Care are providing £500k to secure 6-10 units of additional accommodation for care leavers off the open market.",
        "",
    ),
    # --- 24 January 2008 (002): the 2007 APA letter's strengths / areas, and the end of intervention
    (
        "0124",
        (1,),
        "Significant increase in numbers of referrals to social care and the proportion of referrals leading to initial assessments",
        STR,
    ),
    (
        "0124",
        (2,),
        "Compliance with requirements for allocation of child protection cases and timeliness of reviews",
        STR,
    ),
    (
        "0124",
        (5,),
        "Development of a family support strategy to improve coordination and provision of earlier intervention and preventative services",
        STR,
    ),
    ("0124", (5,), "Improving performance against timescales for initial and core assessments", AFI),
    (
        "0124",
        (7, 8, 9),
        "Good access and services for looked after children and children and young people with learning difficulties and/or disabilities",
        STR,
    ),
    (
        "0124",
        (10,),
        "Transition plans for up to 90% of learners with learning difficulties and/or disabilities",
        STR,
    ),
    (
        "0124",
        (12,),
        "Ensuring a sufficient proportion of local authority resources is allocated to children's service, in the light of demographic pressures and falling rolls",
        AFI,
    ),
    ("0124", (13, 17), "Embedding performance management across all service areas", AFI),
    (
        "0124",
        (14,),
        "Very good progress towards the provision of a comprehensive Child and Adolescent Mental Health Service (CAMHS)",
        STR,
    ),
    ("0124", (15,), "Good consultation processes for children and young people", STR),
    ("0124", (16,), "Suitable accommodation for all young care leavers", STR),
    ("0124", (16,), "Very good planning and provision for young people leaving care", STR),
    (
        "0124",
        (17,),
        "Cabinet note the significant progress reported and the cessation of formal intervention by Government Office West Midlands",
        "",
    ),
]


def find_line(doc: str, quote: str) -> int:
    hits = [i + 1 for i, line in enumerate(seed_lines(doc)) if quote in line]
    if len(hits) != 1:
        raise ValueError(f"quote found on {len(hits)} lines of {doc}: {quote[:60]!r}")
    return hits[0]


def _text(quote: str) -> str:
    import re

    s = re.sub(r"<[^>]+>", " ", quote).replace("\t", " — ")
    return re.sub(r"\s+", " ", s).strip()


def report_rows() -> list[dict]:
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for key, rec_ids, quote, context in ENTRIES:
        rdate, doc, label = REPORTS[key]
        line = find_line(doc, quote)
        for rec in rec_ids:
            k = (key, rec)
            seen[k] = seen.get(k, 0) + 1
            rows.append(
                {
                    "progress_id": f"P{key}-R{rec:02d}-{seen[k]}",
                    "rec_id": rec,
                    "action_id": "",
                    "report_date": rdate,
                    "report_label": label,
                    "progress_text": context + _text(quote),
                    "note": "Context heading added before the quote: '" + context.strip() + "'"
                    if context
                    else "",
                    "source_id": doc,
                    "source_document": doc,
                    "source_line": line,
                    "source_quote": quote,
                }
            )
    return rows
