## Отчёты и показатели (для сотрудников)

rp-home-title = 📈 <b>Отчёты и показатели</b>
rp-home-scope = Охват: <b>{ $scope }</b>
rp-home-hint = Покажу целевые показатели — достигнуты ли они — и подготовлю таблицу Excel для отчёта в регион. Выберите охват и период.
rp-scope-region = весь регион
rp-period = Период: { $name }, { $first } – { $last }
rp-period-ay = учебный год
rp-period-3m = 3 месяца
rp-period-cy = календарный год
rp-period-pay = прошлый учебный год

rp-btn-show = 📊 Показать показатели
rp-btn-xlsx = 📥 Таблица Excel
rp-btn-xlsx-anon = 📥 Excel без имён (обезличенный)
rp-btn-municipality = 🏙 Выбрать муниципалитет
rp-btn-school = 🏫 Выбрать школу
rp-btn-whole-municipality = ⬆️ Весь муниципалитет
rp-btn-region = 🌐 Весь регион
rp-btn-back = ⬅️ Назад

rp-pick-municipality = 🏙 Какой муниципалитет показать?
rp-pick-school = 🏫 { $municipality }: какую школу показать?
rp-scope-gone = Этого муниципалитета или школы уже нет в справочнике. Откройте отчёты заново из меню.
rp-only-yours = Вам доступны показатели только вашего муниципалитета.

rp-sum-title = 📈 <b>Показатели: { $scope }</b>
rp-sum-teachers = Педагогов в отчёте: { $count }
rp-sum-line = { $mark } { $name } — { $value } · цель { $target } %
rp-value = { $percent } % ({ $n } из { $total })
rp-no-data = нет данных
rp-sum-met = Цели достигнуты: { $met } из { $known }.
rp-sum-counts = Молодых специалистов: { $young }. С первой категорией: { $first }, с высшей: { $highest }. Прошли курсы: { $course }. Участвовали в конкурсах: { $contest }. Наставников: { $mentors }.

rp-ind-diagnosed = Прошли диагностику компетенций
rp-ind-route = ИОМ на основе диагностики
rp-ind-route_done = ИОМ выполнены (из подошедших к сроку)
rp-ind-young_supported = Молодые специалисты в методическом сопровождении
rp-ind-young_mentored = Молодые специалисты с наставником
rp-ind-informed = Получают информацию о мероприятиях
rp-ind-involved = Вовлечены в методическое сопровождение
rp-ind-community = Участвуют в профессиональных сообществах
rp-ind-contests = Участвуют в конкурсах
rp-ind-trajectory = Согласован индивидуальный маршрут
rp-ind-recommendations = Получили адресные рекомендации (из прошедших диагностику)

rp-chart-title = Показатели: { $scope }
rp-chart-met = цель достигнута
rp-chart-missed = не достигнута
rp-chart-target = цель
rp-heat-title = Высокие дефициты: { $scope }
rp-heat-note = В клетке — доля педагогов с высоким дефицитом среди прошедших диагностику за период.
rp-heat-hidden = Не показаны самые малочисленные группы: { $count }.
rp-heat-none = За этот период диагностик нет — карты дефицитов пока нет.

rp-xlsx-caption = 📥 Показатели: { $scope }. Педагогов: { $count }. В файле: сводка, лист на каждый показатель, данные по педагогам и дефициты.
rp-xlsx-caption-anon = 📥 Показатели: { $scope }, обезличенный файл. Педагогов: { $count }. Вместо ФИО — коды, одинаковые во всех файлах.
rp-busy = Уже готовлю отчёт — ещё пара секунд.
rp-xlsx-sent = Файл отправлен.

rp-x-summary = Сводка
rp-x-indicator = Показатель
rp-x-target = Цель, %
rp-x-value = Значение, %
rp-x-n = Числитель
rp-x-total = Знаменатель
rp-x-met = Достигнут
rp-x-source = Источник цели
rp-x-yes = да
rp-x-no = нет
rp-x-scope = Охват
rp-x-period = Период
rp-x-all = Всего
rp-x-unknown = (не указан)
rp-x-municipality = Муниципалитет
rp-x-school = Школа
rp-x-teachers = Педагоги
rp-x-name = ФИО
rp-x-code = Код педагога
rp-x-category = Категория
rp-x-deficits = Дефициты
rp-x-high = { $area }: высокий дефицит, %
rp-x-rated = { $area }: прошли диагностику

rp-count-teachers = Педагогов
rp-count-young = Молодых специалистов
rp-count-first = С первой квалификационной категорией
rp-count-highest = С высшей квалификационной категорией
rp-count-course = Прошли курсы повышения квалификации
rp-count-contest = Участвовали в конкурсах
rp-count-mentors = Наставников

rp-sheet-diagnosed = Диагностика
rp-sheet-route = ИОМ по диагностике
rp-sheet-route_done = ИОМ выполнены
rp-sheet-young_supported = Молодые в сопровождении
rp-sheet-young_mentored = Молодые с наставником
rp-sheet-informed = Информирование
rp-sheet-involved = Вовлечённость
rp-sheet-community = Сообщества
rp-sheet-contests = Конкурсы
rp-sheet-trajectory = Согласованные маршруты
rp-sheet-recommendations = Рекомендации

rp-col-young = Молодой специалист
rp-col-diagnosed = Прошёл диагностику
rp-col-recommended = Получил рекомендации
rp-col-route = ИОМ по диагностике
rp-col-trajectory = Маршрут согласован
rp-col-route-due = ИОМ подошёл к сроку
rp-col-route-done = ИОМ выполнен
rp-col-mentored = Есть наставник
rp-col-mentoring = Наставник
rp-col-events = Записан на мероприятие
rp-col-contest = Конкурс
rp-col-community = Профессиональное сообщество
rp-col-course = Курсы
rp-col-informed = Получает информацию
rp-col-involved = Вовлечён
