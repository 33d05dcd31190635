## Reports and indicators (staff)

rp-home-title = 📈 <b>Reports and indicators</b>
rp-home-scope = Territory: <b>{ $scope }</b>
rp-home-hint = I'll show the target indicators and whether they are met, and prepare an Excel file for the region. Choose the scope and the period.
rp-scope-region = the whole region
rp-period = Period: { $name }, { $first } – { $last }
rp-period-ay = school year
rp-period-3m = 3 months
rp-period-cy = calendar year
rp-period-pay = last school year

rp-btn-show = 📊 Show indicators
rp-btn-xlsx = 📥 Excel file
rp-btn-xlsx-anon = 📥 Excel without names (anonymised)
rp-btn-municipality = 🏙 Choose a municipality
rp-btn-school = 🏫 Choose a school
rp-btn-whole-municipality = ⬆️ Whole municipality
rp-btn-region = 🌐 Whole region
rp-btn-back = ⬅️ Back

rp-pick-municipality = 🏙 Which municipality?
rp-pick-school = 🏫 { $municipality }: which school?
rp-scope-gone = This municipality or school is no longer in the directory. Open the reports again from the menu.
rp-only-yours = You can see the indicators of your municipality only.

rp-sum-title = 📈 <b>Indicators: { $scope }</b>
rp-sum-teachers = Teachers in the report: { $count }
rp-sum-line = { $mark } { $name } — { $value } · target { $target } %
rp-sum-line-free = { $mark } { $name } — { $value } · no target
rp-value = { $percent } % ({ $n } of { $total })
rp-no-data = no data
rp-sum-met = Targets met: { $met } of { $known }.
rp-sum-counts = Young specialists: { $young }. First category: { $first }, highest: { $highest }. Completed courses: { $course }. Took part in contests: { $contest }. Mentors: { $mentors }.

rp-ind-diagnosed = Passed the competence diagnosis
rp-ind-route = Individual route built on the diagnosis
rp-ind-route_done = Routes carried out (of those due)
rp-ind-young_supported = Young specialists in methodological support
rp-ind-young_mentored = Young specialists with a mentor
rp-ind-informed = Informed about events
rp-ind-involved = Involved in methodological support
rp-ind-community = In professional communities
rp-ind-contests = In professional contests
rp-ind-trajectory = Individual route agreed
rp-ind-recommendations = Got addressed recommendations (of those diagnosed)
rp-ind-practices = Presented their experience in the practice bank

rp-how-diagnosed = The share of teachers who took a diagnosis of professional deficits (any questionnaire) in the period, among all teachers of the territory.
rp-how-route = The share of teachers with a route (ИОМ) in force that was built on a diagnosis and sent to the methodologist, among all teachers of the territory.
rp-how-route_done = Routes whose term ended by the end of the period, or already carried out; of them, the share carried out: every step done except those dropped.
rp-how-young_supported = The share of young specialists (up to 35, up to 3 years of experience) who in the period took a diagnosis, worked on a route, took part in mentoring, registered for events, worked in a professional community or completed a course.
rp-how-young_mentored = The share of young specialists who had an active pair with a mentor in the period.
rp-how-informed = The share of teachers who received at least one message about events in the period (an announcement, a change or the weekly digest) or registered for an event themselves.
rp-how-involved = The share of teachers who in the period took a diagnosis, worked on a route, took part in mentoring (either side of a pair), registered for events, worked in a professional community or completed a course.
rp-how-community = The share of teachers, members of methodological associations (school, municipal, regional), who in the period attended at least one meeting of their association (as marked by its leader) or gave a talk at one.
rp-how-contests = The share of teachers who in the period registered for a contest of professional mastery, got a contest result in the bot, or took part in a contest outside the bot (confirmed by the methodist).
rp-how-trajectory = The share of teachers whose route (ИОМ) in force is agreed by the methodologist.
rp-how-recommendations = Teachers who took a diagnosis in the period; of them, the share whose diagnosis found a deficit in at least one area and showed addressed recommendations.
rp-how-practices = The share of teachers whose practice the experts published in the practice bank within the period, among all teachers of the territory. The documents set no target, so it is neither met nor missed.

rp-chart-title = Indicators: { $scope }
rp-chart-met = target met
rp-chart-missed = not met
rp-chart-target = target
rp-heat-title = High deficits: { $scope }
rp-heat-note = Each cell: the share of teachers with a high deficit among those diagnosed in the period.
rp-heat-hidden = The smallest groups are not shown: { $count }.
rp-heat-none = No diagnoses in this period — no deficit map yet.

rp-xlsx-caption = 📥 Indicators: { $scope }. Teachers: { $count }. Inside: a summary, a sheet per indicator, per-teacher data and deficits.
rp-xlsx-caption-anon = 📥 Indicators: { $scope }, anonymised. Teachers: { $count }. Names are replaced by codes that stay the same in every file.
rp-busy = Preparing the report — a couple of seconds more.
rp-xlsx-sent = File sent.

rp-x-summary = Summary
rp-x-indicator = Indicator
rp-x-target = Target, %
rp-x-value = Value, %
rp-x-n = Numerator
rp-x-total = Denominator
rp-x-met = Met
rp-x-how = How it is counted
rp-x-yes = yes
rp-x-no = no
rp-x-scope = Territory
rp-x-period = Period
rp-x-all = Total
rp-x-unknown = (not given)
rp-x-municipality = Municipality
rp-x-school = School
rp-x-teachers = Teachers
rp-x-name = Full name
rp-x-code = Teacher code
rp-x-category = Category
rp-x-deficits = Deficits
rp-x-high = { $area }: high deficit, %
rp-x-rated = { $area }: diagnosed

rp-count-teachers = Teachers
rp-count-young = Young specialists
rp-count-first = With the first qualification category
rp-count-highest = With the highest qualification category
rp-count-course = Completed in-service courses
rp-count-contest = Took part in contests
rp-count-mentors = Mentors

rp-sheet-diagnosed = Diagnosis
rp-sheet-route = Routes on diagnosis
rp-sheet-route_done = Routes carried out
rp-sheet-young_supported = Young in support
rp-sheet-young_mentored = Young with a mentor
rp-sheet-informed = Informed
rp-sheet-involved = Involved
rp-sheet-community = Communities
rp-sheet-contests = Contests
rp-sheet-trajectory = Agreed routes
rp-sheet-recommendations = Recommendations
rp-sheet-practices = Practice bank

rp-col-young = Young specialist
rp-col-diagnosed = Diagnosed
rp-col-recommended = Got recommendations
rp-col-route = Route on diagnosis
rp-col-trajectory = Route agreed
rp-col-route-due = Route due
rp-col-route-done = Route carried out
rp-col-mentored = Has a mentor
rp-col-mentoring = Mentor
rp-col-events = Registered for an event
rp-col-contest = Contest
rp-col-community = Professional community
rp-col-course = Courses
rp-col-informed = Informed
rp-col-involved = Involved
rp-col-practice = Practice in the bank
