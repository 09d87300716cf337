/**
 * Name pools for the sandbox's customers, drawn by how common each name is, so that two customers
 * in one city rarely share a full name (as among real customers) while common names still repeat.
 *
 * Source: US Census Bureau, "Frequently Occurring Surnames from the Census 1990" (dist.all.last:
 * 88,799 surnames) and first names (dist.male.first, dist.female.first), as shipped in the `names`
 * package (treyhunner/names, names/dist.*). Weights are thousandths of a percent of people (Smith
 * 1.006% → 1006); a first name's weight is the mean of its male and female shares.
 *
 * The top names carry their own weights; the names after them (ranks 501–3,000 of surnames,
 * 201–1,000 of first names) share what is left of the population evenly, standing in for the long
 * tail of tens of thousands of rarer names. A list cut at a few hundred names and renormalised
 * would make namesakes about twenty times as common as the Census does (decision 1012).
 */

export interface NamePool {
  readonly names: readonly string[];
  /** Cumulative weights, the last one the total. */
  readonly cumulative: Float64Array;
}

/** Per 100,000 people: the whole population the weights are shares of. */
const POPULATION = 100_000;

function poolOf(top: string, tail: string): NamePool {
  const weighted = top
    .trim()
    .split(/\s+/)
    .map((w) => {
      const [name, weight] = w.split(':');
      return [name!, Number(weight)] as const;
    });
  const rest = tail.trim().split(/\s+/);
  const topTotal = weighted.reduce((s, [, w]) => s + w, 0);
  const each = (POPULATION - topTotal) / rest.length;
  const names = [...weighted.map(([n]) => n), ...rest];
  const cumulative = new Float64Array(names.length);
  let acc = 0;
  names.forEach((_, i) => {
    acc += i < weighted.length ? weighted[i]![1] : each;
    cumulative[i] = acc;
  });
  return { names, cumulative };
}

/** The name at uniform draw `u` in [0, 1), by weight (binary search over the cumulative weights). */
export function drawName(pool: NamePool, u: number): string {
  const target = u * pool.cumulative[pool.cumulative.length - 1]!;
  let lo = 0;
  let hi = pool.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pool.cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return pool.names[lo]!;
}

const SURNAMES_TOP = `
Smith:1006 Johnson:810 Williams:699 Jones:621 Brown:621 Davis:480 Miller:424 Wilson:339
Moore:312 Taylor:311 Anderson:311 Thomas:311 Jackson:310 White:279 Harris:275 Martin:273
Thompson:269 Garcia:254 Martinez:234 Robinson:233 Clark:231 Rodriguez:229 Lewis:226 Lee:220
Walker:219 Hall:200 Allen:199 Young:193 Hernandez:192 King:190 Wright:189 Lopez:187 Hill:187
Scott:185 Green:183 Adams:174 Baker:171 Gonzalez:166 Nelson:162 Carter:162 Mitchell:160
Perez:155 Roberts:153 Turner:152 Phillips:149 Campbell:149 Parker:146 Evans:141 Edwards:137
Collins:134 Stewart:133 Sanchez:130 Morris:125 Rogers:123 Reed:122 Cook:120 Morgan:118 Bell:117
Murphy:117 Bailey:115 Rivera:113 Cooper:113 Richardson:112 Cox:110 Howard:110 Ward:108
Torres:108 Peterson:107 Gray:106 Ramirez:105 James:105 Watson:103 Brooks:103 Kelly:102
Sanders:100 Price:99 Bennett:99 Wood:98 Barnes:97 Ross:96 Henderson:95 Coleman:95 Jenkins:95
Perry:94 Powell:93 Long:92 Patterson:92 Hughes:92 Flores:92 Washington:92 Butler:91 Simmons:91
Foster:91 Gonzales:87 Bryant:87 Alexander:85 Russell:85 Griffin:84 Diaz:84 Hayes:83 Myers:83
Ford:82 Hamilton:82 Graham:82 Sullivan:81 Wallace:81 Woods:80 Cole:80 West:80 Jordan:78 Owens:78
Reynolds:78 Fisher:77 Ellis:77 Harrison:76 Gibson:75 McDonald:75 Cruz:75 Marshall:75 Ortiz:75
Gomez:75 Murray:74 Freeman:74 Wells:73 Webb:72 Simpson:70 Stevens:70 Tucker:70 Porter:69
Hunter:69 Hicks:69 Crawford:68 Henry:68 Boyd:68 Mason:68 Morales:67 Kennedy:67 Warren:67
Dixon:66 Ramos:66 Reyes:66 Burns:65 Gordon:65 Shaw:65 Holmes:65 Rice:64 Robertson:64 Hunt:63
Black:63 Daniels:62 Palmer:62 Mills:61 Nichols:60 Grant:60 Knight:60 Ferguson:59 Rose:59
Stone:59 Hawkins:59 Dunn:58 Perkins:58 Hudson:58 Spencer:57 Gardner:57 Stephens:57 Payne:57
Pierce:56 Berry:56 Matthews:56 Arnold:56 Wagner:55 Willis:55 Ray:55 Watkins:55 Olson:55
Carroll:55 Duncan:55 Snyder:55 Hart:54 Cunningham:54 Bradley:54 Lane:54 Andrews:54 Ruiz:54
Harper:54 Fox:53 Riley:53 Armstrong:53 Carpenter:53 Weaver:53 Greene:53 Lawrence:52 Elliott:52
Chavez:52 Sims:52 Austin:52 Peters:52 Kelley:52 Franklin:51 Lawson:51 Fields:51 Gutierrez:51
Ryan:51 Schmidt:51 Carr:51 Vasquez:51 Castillo:51 Wheeler:51 Chapman:50 Oliver:50 Montgomery:49
Richards:49 Williamson:49 Johnston:49 Banks:48 Meyer:48 Bishop:48 McCoy:48 Howell:48 Alvarez:48
Morrison:48 Hansen:47 Fernandez:47 Garza:47 Harvey:47 Little:46 Burton:46 Stanley:46 Nguyen:46
George:46 Jacobs:46 Reid:46 Kim:45 Fuller:45 Lynch:45 Dean:45 Gilbert:45 Garrett:45 Romero:45
Welch:44 Larson:44 Frazier:44 Burke:44 Hanson:43 Day:43 Mendoza:43 Moreno:43 Bowman:43 Medina:42
Fowler:42 Brewer:42 Hoffman:42 Carlson:42 Silva:42 Pearson:42 Holland:42 Douglas:41 Fleming:41
Jensen:41 Vargas:41 Byrd:41 Davidson:41 Hopkins:41 May:40 Terry:40 Herrera:40 Wade:40 Soto:40
Walters:40 Curtis:40 Neal:39 Caldwell:39 Lowe:39 Jennings:39 Barnett:39 Graves:39 Jimenez:39
Horton:39 Shelton:39 Barrett:39 Obrien:39 Castro:39 Sutton:38 Gregory:38 McKinney:38 Lucas:38
Miles:38 Craig:38 Rodriquez:37 Chambers:37 Holt:37 Lambert:37 Fletcher:37 Watts:37 Bates:37
Hale:37 Rhodes:37 Pena:37 Beck:37 Newman:36 Haynes:36 McDaniel:36 Mendez:36 Bush:36 Vaughn:36
Parks:35 Dawson:35 Santiago:35 Norris:35 Hardy:35 Love:35 Steele:35 Curry:35 Powers:35
Schultz:35 Barker:35 Guzman:34 Page:34 Munoz:34 Ball:34 Keller:34 Chandler:34 Weber:34
Leonard:34 Walsh:33 Lyons:33 Ramsey:33 Wolfe:33 Schneider:33 Mullins:33 Benson:33 Sharp:33
Bowen:33 Daniel:33 Barber:32 Cummings:32 Hines:32 Baldwin:32 Griffith:32 Valdez:32 Hubbard:32
Salazar:32 Reeves:32 Warner:31 Stevenson:31 Burgess:31 Santos:31 Tate:31 Cross:31 Garner:31
Mann:31 Mack:31 Moss:31 Thornton:31 Dennis:31 McGee:31 Farmer:30 Delgado:30 Aguilar:30 Vega:30
Glover:30 Manning:30 Cohen:30 Harmon:30 Rodgers:30 Robbins:30 Newton:30 Todd:30 Blair:30
Higgins:30 Ingram:30 Reese:30 Cannon:30 Strickland:30 Townsend:30 Potter:30 Goodwin:30 Walton:30
Rowe:29 Hampton:29 Ortega:29 Patton:29 Swanson:29 Joseph:29 Francis:29 Goodman:29 Maldonado:29
Yates:29 Becker:29 Erickson:29 Hodges:29 Rios:29 Conner:29 Adkins:29 Webster:28 Norman:28
Malone:28 Hammond:28 Flowers:28 Cobb:28 Moody:28 Quinn:28 Blake:28 Maxwell:28 Pope:28 Floyd:27
Osborne:27 Paul:27 McCarthy:27 Guerrero:27 Lindsey:27 Estrada:27 Sandoval:27 Gibbs:27 Tyler:27
Gross:27 Fitzgerald:27 Stokes:27 Doyle:27 Sherman:27 Saunders:27 Wise:27 Colon:27 Gill:27
Alvarado:27 Greer:26 Padilla:26 Simon:26 Waters:26 Nunez:26 Ballard:26 Schwartz:26 McBride:26
Houston:26 Christensen:26 Klein:26 Pratt:26 Briggs:26 Parsons:26 McLaughlin:26 Zimmerman:26
French:26 Buchanan:26 Moran:26 Copeland:25 Roy:25 Pittman:25 Brady:25 McCormick:25 Holloway:25
Brock:25 Poole:25 Frank:25 Logan:25 Owen:25 Bass:25 Marsh:25 Drake:25 Wong:25 Jefferson:25
Park:25 Morton:25 Abbott:25 Sparks:25 Patrick:24 Norton:24 Huff:24 Clayton:24 Massey:24 Lloyd:24
Figueroa:24 Carson:24 Bowers:24 Roberson:24 Barton:24 Tran:24 Lamb:24 Harrington:24 Casey:24
Boone:24 Cortez:24 Clarke:24 Mathis:24 Singleton:24 Wilkins:24 Cain:24 Bryan:24 Underwood:24
Hogan:24 McKenzie:23 Collier:23 Luna:23 Phelps:23 McGuire:23 Allison:23 Bridges:23 Wilkerson:23
Nash:23 Summers:23 Atkins:23
`;
const SURNAMES_TAIL = `
Wilcox Pitts Conley Marquez Burnett Richard Cochran Chase Davenport Hood Gates Clay Ayala Sawyer
Roman Vazquez Dickerson Hodge Acosta Flynn Espinoza Nicholson Monroe Wolf Morrow Kirk Randall
Anthony Whitaker Oconnor Skinner Ware Molina Kirby Huffman Bradford Charles Gilmore Dominguez
Oneal Bruce Lang Combs Kramer Heath Hancock Gallagher Gaines Shaffer Short Wiggins Mathews
McClain Fischer Wall Small Melton Hensley Bond Dyer Cameron Grimes Contreras Christian Wyatt
Baxter Snow Mosley Shepherd Larsen Hoover Beasley Glenn Petersen Whitehead Meyers Keith Garrison
Vincent Shields Horn Savage Olsen Schroeder Hartman Woodard Mueller Kemp Deleon Booth Patel
Calhoun Wiley Eaton Cline Navarro Harrell Lester Humphrey Parrish Duran Hutchinson Hess Dorsey
Bullock Robles Beard Dalton Avila Vance Rich Blackwell York Johns Blankenship Trevino Salinas
Campos Pruitt Moses Callahan Golden Montoya Hardin Guerra McDowell Carey Stafford Gallegos
Henson Wilkinson Booker Merritt Miranda Atkinson Orr Decker Hobbs Preston Tanner Knox Pacheco
Stephenson Glass Rojas Serrano Marks Hickman English Sweeney Strong Prince McClure Conway Walter
Roth Maynard Farrell Lowery Hurst Nixon Weiss Trujillo Ellison Sloan Juarez Winters McLean
Randolph Leon Boyer Villarreal McCall Gentry Carrillo Kent Ayers Lara Shannon Sexton Pace Hull
Leblanc Browning Velasquez Leach Chang House Sellers Herring Noble Foley Bartlett Mercado Landry
Durham Walls Barr McKee Bauer Rivers Everett Bradshaw Pugh Velez Rush Estes Dodson Morse
Sheppard Weeks Camacho Bean Barron Livingston Middleton Spears Branch Blevins Chen Kerr
McConnell Hatfield Harding Ashley Solis Herman Frost Giles Blackburn William Pennington Woodward
Finley McIntosh Koch Best Solomon McCullough Dudley Nolan Blanchard Rivas Brennan Mejia Kane
Benton Joyce Buckley Haley Valentine Maddox Russo McKnight Buck Moon McMillan Crosby Berg Dotson
Mays Roach Church Chan Richmond Meadows Faulkner Oneill Knapp Kline Barry Ochoa Jacobson Gay
Avery Hendricks Horne Shepard Hebert Cherry Cardenas McIntyre Whitney Waller Holman Donaldson
Cantu Terrell Morin Gillespie Fuentes Tillman Sanford Bentley Peck Key Salas Rollins Gamble
Dickson Battle Santana Cabrera Cervantes Howe Hinton Hurley Spence Zamora Yang McNeil Suarez
Case Petty Gould McFarland Sampson Carver Bray Rosario Macdonald Stout Hester Melendez Dillon
Farley Hopper Galloway Potts Bernard Joyner Stein Aguirre Osborn Mercer Bender Franco Rowland
Sykes Benjamin Travis Pickett Crane Sears Mayo Dunlap Hayden Wilder McKay Coffey McCarty Ewing
Cooley Vaughan Bonner Cotton Holder Stark Ferrell Cantrell Fulton Lynn Lott Calderon Rosa
Pollard Hooper Burch Mullen Fry Riddle Levy David Duke Odonnell Guy Michael Britt Frederick
Daugherty Berger Dillard Alston Jarvis Frye Riggs Chaney Odom Duffy Fitzpatrick Valenzuela
Merrill Mayer Alford McPherson Acevedo Donovan Barrera Albert Cote Reilly Compton Raymond Mooney
McGowan Craft Cleveland Clemons Wynn Nielsen Baird Stanton Snider Rosales Bright Witt Stuart
Hays Holden Rutledge Kinney Clements Castaneda Slater Hahn Emerson Conrad Burks Delaney Pate
Lancaster Sweet Justice Tyson Sharpe Whitfield Talley Macias Irwin Burris Ratliff McCray Madden
Kaufman Beach Goff Cash Bolton McFadden Levine Good Byers Kirkland Kidd Workman Carney Dale
McLeod Holcomb England Finch Head Burt Hendrix Sosa Haney Franks Sargent Nieves Downs Rasmussen
Bird Hewitt Lindsay Le Foreman Valencia Oneil Delacruz Vinson Dejesus Hyde Forbes Gilliam
Guthrie Wooten Huber Barlow Boyle McMahon Buckner Rocha Puckett Langley Knowles Cooke Velazquez
Whitley Noel Vang Shea Rouse Hartley Mayfield Elder Rankin Hanna Cowan Lucero Arroyo Slaughter
Haas Oconnell Minor Kendrick Shirley Kendall Boucher Archer Boggs Odell Dougherty Andersen
Newell Crowe Wang Friedman Bland Swain Holley Felix Pearce Childs Yarbrough Galvan Proctor Meeks
Lozano Mora Rangel Bacon Villanueva Schaefer Rosado Helms Boyce Goss Stinson Smart Lake Ibarra
Hutchins Covington Reyna Gregg Werner Crowley Hatcher Mackey Bunch Womack Polk Jamison Dodd
Childress Childers Camp Villa Dye Springer Mahoney Dailey Belcher Lockhart Griggs Costa Connor
Brandt Winter Walden Moser Tracy Tatum McCann Akers Lutz Pryor Law Orozco McAllister Lugo Davies
Shoemaker Madison Rutherford Newsome Magee Chamberlain Blanton Simms Godfrey Flanagan Crum
Cordova Escobar Downing Sinclair Donahue Krueger McGinnis Gore Farris Webber Corbett Andrade
Starr Lyon Yoder Hastings McGrath Spivey Krause Harden Crabtree Kirkpatrick Hollis Brandon
Arrington Ervin Clifton Ritter McGhee Bolden Maloney Gagnon Dunbar Ponce Pike Mayes Heard Beatty
Mobley Kimball Butts Montes Herbert Grady Eldridge Braun Hamm Gibbons Seymour Moyer Manley
Herron Plummer Elmore Cramer Gary Rucker Hilton Blue Pierson Fontenot Field Rubio Grace
Goldstein Elkins Wills Novak John Hickey Worley Gorman Katz Dickinson Broussard Fritz Woodruff
Crow Christopher Britton Forrest Nance Lehman Bingham Zuniga Whaley Shafer Coffman Steward
Delarosa Nix Neely Numbers Mata Manuel Davila McCabe Kessler Emery Bowling Hinkle Welsh Pagan
Goldberg Goins Crouch Cuevas Quinones McDermott Hendrickson Samuels Denton Bergeron Lam Ivey
Locke Haines Thurman Snell Hoskins Byrne Milton Winston Arthur Arias Stanford Roe Corbin Beltran
Chappell Hurt Downey Dooley Tuttle Couch Payton McElroy Crockett Groves Clement Leslie
Cartwright Dickey McGill Dubois Muniz Erwin Self Tolbert Dempsey Cisneros Sewell Latham Garland
Vigil Tapia Sterling Rainey Norwood Lacy Stroud Meade Amos Tipton Lord Kuhn Hilliard Bonilla
Teague Courtney Gunn Ho Greenwood Correa Reece Weston Poe Trent Pineda Phipps Frey Kaiser Ames
Paige Gunter Schmitt Milligan Espinosa Carlton Bowden Vickers Lowry Pritchard Costello Piper
McClellan Lovell Drew Sheehan Quick Hatch Dobson Singh Jeffries Hollingsworth Sorensen Meza Fink
Donnelly Burrell Bruno Tomlinson Colbert Billings Ritchie Helton Sutherland Peoples McQueen
Gaston Thomason McKinley Givens Crocker Vogel Robison Dunham Coker Swartz Keys Lilly Ladner
Hannah Willard Richter Hargrove Edmonds Brantley Albright Murdock Boswell Muller Quintero
Padgett Kenney Daly Connolly Pierre Inman Quintana Lund Barnard Villegas Simons Land Huggins
Tidwell Sanderson Bullard McClendon Duarte Draper Meredith Marrero Dwyer Abrams Stover Goode
Fraser Crews Bernal Smiley Godwin Fish Conklin McNeal Baca Esparza Crowder Bower Nicholas Chung
Brewster McNeill Dick Rodrigues Leal Coates Raines McCain McCord Miner Holbrook Swift Dukes
Carlisle Aldridge Ackerman Starks Ricks Holliday Ferris Hairston Sheffield Lange Fountain Marino
Doss Betts Kaplan Carmichael Bloom Ruffin Penn Kern Bowles Sizemore Larkin Dupree Jewell Silver
Seals Metcalf Hutchison Henley Farr Castle McCauley Hankins Gustafson Deal Curran Ash Waddell
Ramey Cates Pollock Major Irvin Cummins Messer Heller Dewitt Lin Funk Cornett Palacios Galindo
Cano Hathaway Singer Pham Enriquez Aaron Salgado Pelletier Painter Wiseman Blount Hand Feliciano
Temple Houser Doherty Mead McGraw Toney Swan Melvin Capps Blanco Blackmon Wesley Thomson McManus
Fair Burkett Post Gleason Rudolph Ott Dickens Cormier Voss Rushing Rosenberg Hurd Dumas Benitez
Arellano Story Marin Caudill Bragg Jaramillo Huerta Gipson Colvin Biggs Vela Platt Cassidy
Tompkins McCollum Kay Gabriel Dolan Daley Crump Street Sneed Kilgore Grove Grimm Davison Brunson
Prater Marcum Devine Kyle Dodge Stratton Rosas Choi Tripp Ledbetter Lay Hightower Haywood
Feldman Epps Yeager Posey Sylvester Scruggs Cope Stubbs Richey Overton Trotter Sprague Cordero
Butcher Burger Stiles Burgos Woodson Horner Bassett Purcell Haskins Gee Akins Abraham Hoyt
Ziegler Spaulding Hadley Grubbs Sumner Murillo Zavala Shook Lockwood Jarrett Driscoll Dahl
Thorpe Sheridan Redmond Putnam McWilliams McRae Cornell Felton Romano Joiner Sadler Hedrick
Hager Hagen Fitch Coulter Thacker Mansfield Langston Guidry Ferreira Corley Conn Rossi Lackey
Cody Baez Saenz McNamara Darnell Michel McMullen McKenna McDonough Link Engel Browne Roper
Peacock Eubanks Drummond Stringer Pritchett Parham Mims Landers Ham Grayson Stacy Schafer Egan
Timmons Ohara Keen Hamlin Finn Cortes McNair Louis Clifford Nadeau Moseley Michaud Rosen Oakes
Kurtz Jeffers Calloway Beal Bautista Winn Suggs Stern Stapleton Lyles Laird Montano Diamond
Dawkins Roland Hagan Goldman Bryson Barajas Lovett Segura Metz Lockett Langford Hinson Eastman
Rock Hooks Woody Smallwood Shapiro Crowell Whalen Triplett Hooker Chatman Aldrich Cahill
Youngblood Ybarra Stallings Sheets Samuel Reeder Person Pack Lacey Connelly Bateman Abernathy
Winkler Wilkes Masters Hackett Granger Gillis Schmitz Sapp Napier Souza Lanier Gomes Weir Otero
Ledford Burroughs Babcock Ventura Siegel Dugan Clinton Christie Bledsoe Atwood Wray Varner
Spangler Otto Anaya Staley Kraft Fournier Eddy Belanger Wolff Thorne Bynum Burnette Boykin
Swenson Purvis Pina Khan Duvall Darby Xiong Kauffman Ali Yu Healy Engle Corona Benoit Valle
Steiner Spicer Shaver Randle Lundy Dow Chin Calvert Staton Neff Kearney Darden Oakley Medeiros
McCracken Crenshaw Block Beaver Perdue Dill Whittaker Tobin Cornelius Washburn Hogue Goodrich
Easley Bravo Dennison Vera Shipley Kerns Jorgensen Crain Abel Villalobos Maurer Longoria Keene
Coon Sierra Witherspoon Staples Pettit Kincaid Eason Madrid Echols Lusk Wu Stahl Currie Thayer
Shultz Sherwood McNally Seay North Maher Kenny Hope Gagne Barrow Nava Myles Moreland Honeycutt
Hearn Diggs Caron Whitten Westbrook Stovall Ragland Queen Munson Meier Looney Kimble Jolly
Hobson London Goddard Culver Burr Presley Negron Connell Tovar Marcus Huddleston Hammer Ashby
Salter Root Pendleton Oleary Nickerson Myrick Judd Jacobsen Elliot Bain Adair Starnes Sheldon
Matos Light Busby Herndon Hanley Bellamy Jack Doty Bartley Yazzie Rowell Parson Gifford Cullen
Christiansen Benavides Barnhart Talbot Mock Crandall Connors Bonds Whitt Gage Bergman Arredondo
Addison Marion Lujan Dowdy Jernigan Huynh Bouchard Dutton Rhoades Ouellette Kiser Rubin
Herrington Hare Denny Blackman Babb Allred Rudd Paulson Ogden Koenig Jacob Irving Geiger Begay
Parra Champion Lassiter Hawk Esposito Cho Waldron Vernon Ransom Prather Keenan Jean Grover
Chacon Vick Sands Roark Parr Mayberry Greenberg Coley Bruner Whitman Skaggs Shipman Means Leary
Hutton Romo Medrano Ladd Kruse Friend Darling Askew Valentin Schulz Alfaro Tabor Mohr Gallo
Bermudez Pereira Isaac Bliss Reaves Flint Comer Boston Woodall Naquin Guevara Earl Delong
Carrier Pickens Brand Tilley Schaffer Read Lim Knutson Fenton Doran Chu Vogt Vann Prescott
McLain Landis Corcoran Ambrose Zapata Hyatt Hemphill Faulk Call Dove Boudreaux Aragon Whitlock
Trejo Tackett Shearer Saldana Hanks Gold Driver McKinnon Koehler Champagne Bourgeois Pool Keyes
Goodson Foote Early Lunsford Goldsmith Flood Winslow Sams Reagan McCloud Hough Esquivel Naylor
Loomis Coronado Ludwig Braswell Bearden Sherrill Huang Fagan Ezell Edmondson Cyr Cronin Nunn
Lemon Guillory Grier Dubose Traylor Ryder Dobbins Coyle Aponte Whitmore Smalls Rowan Malloy
Cardona Braxton Borden Humphries Carrasco Ruff Metzger Huntley Hinojosa Finney Madsen Hong Hills
Ernst Dozier Burkhart Bowser Peralta Daigle Whittington Sorenson Saucedo Roche Redding Loyd
Fugate Avalos Waite Lind Huston Hay Benedict Hawthorne Hamby Boyles Boles Regan Faust Crook Beam
Barger Hinds Gallardo Elias Willoughby Willingham Wilburn Eckert Busch Zepeda Worthington
Tinsley Russ Li Hoff Hawley Carmona Varela Rector Newcomb Mallory Kinsey Dube Whatley Strange
Ragsdale Ivy Bernstein Becerra Yost Mattson Ly Felder Cheek Luke Handy Grossman Gauthier
Escobedo Braden Beckman Mott Hillman Gil Flaherty Dykes Doe Stockton Stearns Lofton Kitchen
Coats Cavazos Beavers Barrios Tang Parish Mosher Lincoln Cardwell Coles Burnham Weller Lemons
Beebe Aguilera Ring Parnell Harman Couture Alley Schumacher Redd Dobbs Blum Blalock Merchant
Ennis Denson Cottrell Chester Brannon Bagley Aviles Watt Sousa Rosenthal Rooney Dietz Blank
Paquette McClelland Duff Velasco Lentz Grubb Burrows Barbour Ulrich Shockley Rader German Beyer
Mixon Layton Altman Alonzo Weathers Titus Stoner Squires Shipp Priest Lipscomb Cutler Caballero
Zimmer Willett Thurston Storey Medley Lyle Epperson Shah McMillian Baggett Torrez Laws Hirsch
Dent Corey Poirier Peachey Jacques Farrar Creech Barth Trimble France Dupre Albrecht Sample
Lawler Crisp Conroy Chadwick Wetzel Nesbitt Murry Jameson Wilhelm Patten Minton Matson Kimbrough
Iverson Guinn Gale Fortune Croft Toth Pulliam Nugent Newby Littlejohn Dias Canales Bernier Baron
Barney Singletary Renteria Pruett McHugh Mabry Landrum Brower Weldon Stoddard Ruth Cagle Stjohn
Scales Kohler Kellogg Hopson Gant Tharp Gann Zeigler Pringle Hammons Fairchild Deaton Chavis
Carnes Rowley Matlock Libby Kearns Irizarry Carrington Starkey Pepper Lopes Jarrell Fay Craven
Beverly Baum Spain Littlefield Linn Humphreys Hook High Etheridge Cuellar Chastain Chance Bundy
Speer Skelton Quiroz Pyle Portillo Ponder Moulton Machado Liu Killian Hutson Hitchcock Ellsworth
Dowling Cloud Burdick Spann Pedersen Levin Leggett Hayward Hacker Dietrich Beaulieu Barksdale
Wakefield Snowden Paris Briscoe Bowie Berman Ogle McGregor Laughlin Helm Burden Wheatley
Schreiber Pressley Parris Ng Alaniz Agee Urban Swann Snodgrass Schuster Radford Monk Mattingly
Main Lamar Harp Girard Cheney Yancey Wagoner Ridley Lombardo Lau Hudgins Gaskins Duckworth Coe
Coburn Willey Prado Newberry Magana Hammonds Elam Whipple Slade Serna Ojeda Liles Dorman Diehl
Angel Upton Reardon Michaels Kelsey Goetz Eller Bauman Baer Augustine Layne Hummel Brenner Amaya
Adamson Ornelas Dowell Cloutier Christy Castellanos Wing Wellman Saylor Orourke Moya Montalvo
Kilpatrick Harley Durbin Shell Oldham Kang Garvin Foss Branham Bartholomew Templeton Maguire
Holton Alonso Rider Monahan McCormack Beaty Anders Streeter Nieto Nielson Moffett Lankford
Keating Heck Gatlin Delatorre Callaway Adcock Worrell Unger Robinette Nowak Jeter Brunner Ashton
Steen Parrott Overstreet Nobles Montanez Luther Clevenger Brinkley Trahan Quarles Pickering
Pederson Jansen Grantham Gilchrist Crespo Aiken Schell Schaeffer Lorenz Leyva Harms Dyson Wallis
Pease Leavitt Hyman Cheng Cavanaugh Batts Warden Seaman Rockwell Quezada Paxton Linder Houck
Fontaine Durant Caruso Adler Pimentel Mize Lytle Donald Cleary Cason Acker Switzer Salmon Isaacs
Higginbotham Han Waterman Vandyke Stamper Sisk Shuler Riddick Redman McMahan Levesque Hatton
Bronson Bollinger Arnett Okeefe Gerber Gannon Farnsworth Baughman Silverman Satterfield Royal
McCrary Kowalski Joy Grigsby Greco Cabral Trout Rinehart Mahon Linton Gooden Curley Baugh Wyman
Weiner Schwab Schuler Morrissey Mahan Coy Bunn Andrew Thrasher Spear Waggoner Shelley Robert
Qualls Purdy McWhorter Mauldin Mark Jordon Gilman Perryman Newsom Menard Martino Graf
Billingsley Artis Simpkins Salisbury Quintanilla Gilliland Fraley Foust Crouse Scarborough Ngo
Grissom Fultz Rico Marlow Markham Madrigal Lawton Barfield Whiting Varney Schwarz Huey Gooch
Arce Wheat Truong Poulin Mackenzie Leone Hurtado Selby Gaither Fortner Culpepper Coughlin
Brinson Boudreau Barkley Bales Stepp Holm Tan Schilling Morrell Kahn Heaton Gamez Douglass
Causey Brothers Turpin Shanks Schrader Meek Isom Hardison Carranza Yanez Way Scroggins Schofield
Runyon Ratcliff Murrell Moeller Irby Currier Butterfield Yee Ralston Pullen Pinson Estep East
Carbone Lance Hawks Ellington Casillas Spurlock Sikes Motley McCartney Kruger Isbell Houle
Francisco Burk Bone Tomlin Shelby Quigley Neumann Lovelace Fennell Colby Cheatham Bustamante
Skidmore Hidalgo Forman Culp Bowens Betancourt Aquino Robb Rea Milner Martel Gresham Wiles
Ricketts Gavin Dowd Collazo Bostic Blakely Sherrod Power Kenyon Gandy Ebert Deloach Cary Bull
Allard Sauer Robins Olivares Gillette Chestnut Bourque Paine Lyman Hite Hauser Devore Crawley
Chapa Vu Tobias Talbert Poindexter Millard Meador McDuffie Mattox Kraus Harkins Choate Bess Wren
Sledge Sanborn Outlaw Kinder Geary Cornwell Barclay Adam Abney Seward Rhoads Howland Fortier
Easter Benner Vines Tubbs Troutman Rapp Noe McCurdy Harder Deluca Westmoreland South Havens
Guajardo Ely Clary Seal Meehan Herzog Guillen Ashcraft Waugh Renner Milam Jung Elrod Churchill
Buford Breaux Bolin Asher Windham Tirado Pemberton Nolen Noland Knott Emmons Cornish Christenson
Brownlee Barbee Waldrop Pitt Olvera Lombardi Gruber Gaffney Eggleston Banda Archuleta Still
Slone Prewitt Pfeiffer Nettles Mena McAdams Henning Gardiner Cromwell Chisholm Burleson Box Vest
Oglesby McCarter Malcolm Lumpkin Larue Grey Wofford Vanhorn Thorn Teel Swafford Stclair
Stanfield Ocampo Herrmann Hannon Arsenault Roush McAlister Hiatt Gunderson Forsythe Duggan
Delvalle Cintron Wilks Weinstein Uribe Rizzo Noyes McLendon Gurley Bethea Winstead Maples Harry
Guyton Giordano Alderman Valdes Polanco Pappas Lively Grogan Griffiths Bobo Arevalo Whitson
Sowell Rendon Matthew Julian Fernandes Farrow Edmond Benavidez Ayres Alicea Stump Smalley Seitz
Schulte Gilley Gallant Dewey Casper Canfield Wolford Omalley McNutt McNulty McGovern Hardman
Harbin Cowart Chavarria Brink Beckett Bagwell Armstead Anglin Abreu Reynoso Krebs Jett Hoffmann
Greenfield Forte Burney Broome Sisson Parent Jude Younger Trammell Partridge Marvin Mace Lomax
Lemieux Gossett Frantz Fogle Cooney Broughton Pence Paulsen Neil Muncy McArthur Hollins Edward
Beauchamp Withers Osorio Mulligan Hoyle Foy Dockery Cockrell Begley Amador Roby Rains Lindquist
Gentile Everhart Bohannon Wylie Thao Sommers Purnell Palma Fortin Dunning Breeden Vail Phelan
Phan Marx Cosby Colburn Chong Boling Biddle Ledesma Gaddis Denney Chow Bueno Berrios Wicker
Tolliver Thibodeaux Nagle Lavoie Fisk Do Crist Barbosa Reedy March Locklear Kolb Himes Behrens
Beckwith Beckham Weems Wahl Shorter Shackelford Rees Muse Free Cerda Valadez Thibodeau Saavedra
Ridgeway Reiter McHenry Majors Lachance Keaton Israel Ferrara Falcon Clemens Blocker Applegate
Paz Needham Mojica Kuykendall Hamel Escamilla Doughty Burchett Ainsworth Wilbur Vidal Upchurch
Thigpen Strauss Spruill Sowers Riggins Ricker McCombs Harlow Garnett Buffington Yi Sotelo Olivas
Negrete Morey Macon Logsdon Lapointe Florence Cathey Bigelow
`;
const FIRST_TOP = `
James:1664 John:1642 Robert:1576 Michael:1320 Mary:1319 William:1229 David:1184 Richard:854
Charles:764 Joseph:704 Thomas:692 Patricia:538 Christopher:519 Linda:518 Barbara:490 Daniel:490
Paul:476 Mark:471 Elizabeth:468 Donald:466 George:466 Jennifer:466 Maria:416 Kenneth:414
Susan:397 Steven:391 Edward:390 Margaret:384 Brian:368 Dorothy:364 Ronald:364 Anthony:362
Lisa:352 Kevin:336 Nancy:334 Karen:334 Betty:333 Helen:332 Jason:331 Matthew:330 Gary:326
Timothy:320 Sandra:314 Jose:308 Larry:300 Jeffrey:296 Donna:292 Frank:292 Carol:286 Ruth:281
Scott:274 Eric:273 Stephen:271 Andrew:270 Sharon:261 Michelle:260 Laura:255 Sarah:254
Kimberly:252 Deborah:247 Jessica:245 Raymond:244 Shirley:244 Cynthia:234 Angela:234 Melissa:231
Brenda:228 Amy:226 Jerry:222 Gregory:221 Anna:220 Joshua:218 Rebecca:215 Virginia:215
Kathleen:212 Dennis:208 Pamela:208 Martha:206 Debra:204 Amanda:202 Walter:200 Stephanie:200
Willie:200 Patrick:196 Terry:196 Carolyn:192 Christine:191 Peter:191 Janet:190 Marie:190
Frances:188 Catherine:186 Harold:186 Douglas:184 Henry:184 Ann:182 Joyce:182 Diane:180 Alice:178
Jean:175 Carl:174 Julie:174 Kelly:173 Arthur:168 Heather:168 Teresa:168 Doris:168 Gloria:168
Ryan:167 Joe:163 Evelyn:161 Roger:161 Juan:160 Ashley:158 Jack:158 Albert:158 Cheryl:158
Joan:157 Jonathan:156 Justin:156 Katherine:156 Mildred:156 Gerald:155 Keith:154 Samuel:154
Judith:148 Rose:148 Janice:142 Lawrence:142 Ralph:141 Nicole:140 Judy:138 Christina:138
Nicholas:138 Roy:137 Kathy:136 Theresa:136 Benjamin:135 Beverly:134 Denise:132 Bruce:132
Brandon:131 Adam:130 Tammy:130 Billy:126 Fred:126 Irene:126 Harry:126 Jane:125 Wayne:124
Lori:124 Louis:124 Steve:123 Tracy:122 Jeremy:122 Aaron:121 Andrea:121 Rachel:121 Marilyn:120
Robin:120 Leslie:118 Randy:118 Kathryn:117 Eugene:116 Bobby:116 Carlos:115 Howard:115 Louise:114
Sara:114 Anne:114 Jacqueline:114 Wanda:113 Russell:112 Shawn:112 Bonnie:112 Julia:112 Victor:112
Chris:110 Ruby:110 Lois:110 Tina:110 Jamie:110 Phyllis:110 Martin:109 Norma:109 Jesse:108
Paula:108 Annie:108 Diana:108 Ernest:108 Shannon:108 Lee:106 Phillip:106 Todd:106 Lillian:106
Emily:104 Peggy:104 Crystal:104 Carmen:103 Craig:103
`;
const FIRST_TAIL = `
Kim Connie Gladys Alan Rita Dawn Dale Florence Francis Sean Clarence Johnny Edna Philip Tiffany
Rosa Tony Earl Jimmy Antonio Cindy Luis Bryan Danny Mike Grace Leonard Stanley Nathan Wendy
Curtis Manuel Rodney Victoria Edith Norman Sherry Josephine Sylvia Allen Sheila Thelma Ethel
Elaine Ellen Lynn Marjorie Carrie Marvin Marion Charlotte Glenn Vincent Travis Esther Jeff
Jeffery Monica Chad Emma Jacob Pauline Dana Juanita Kyle Jessie Melvin Alfred Anita Rhonda Hazel
Amber Bradley Eva Ray Debbie Jesus Eddie Herbert April Frederick Joel Clara Lucille Gail Eleanor
Joanne Danielle Valerie Edwin Erin Megan Alicia Don Michele Suzanne Bertha Darlene Jill Veronica
Geraldine Lauren Ricky Troy Randall Stacy Cathy Joann Lorraine Sally Alexander Barry Jackie
Regina Beatrice Erica Dolores Bernice Audrey Bernard Mario Francisco Yvonne Annette June Leroy
Micheal Marcus Samantha Clifford Oscar Theodore Miguel Jay Ana Renee Ida Jim Vivian Alex Angel
Brittany Holly Roberta Ronnie Tom Jon Melanie Calvin Jeanette Loretta Tommy Yolanda Laurie Katie
Leon Bill Derek Lloyd Stacey Alma Kristen Sue Vanessa Beth Elsie Warren Jeanne Vicki Darrell
Jerome Carla Dean Floyd Leo Rosemary Tara Alvin Courtney Eileen Terri Wesley Gordon Greg Jorge
Tim Corey Derrick Dustin Gertrude Lucy Pedro Dan Tonya Ella Lewis Gina Kristin Maurice Wilma
Zachary Agnes Clyde Natalie Roberto Vera Vernon Charlene Herman Bessie Charlie Delores Shane
Arlene Glen Hector Melinda Pearl Sam Ricardo Allison Colleen Gene Lester Maureen Tamara
Constance Georgia Johnnie Joy Rick Tyler Brent Claudia Lillie Marcia Ramon Gilbert Minnie Nellie
Tanya Glenda Heidi Marlene Marc Billie Lydia Marian Viola Caroline Guadalupe Stella Dora
Reginald Brett Casey Cecil Jo Jaime Ruben Vickie Mattie Nathaniel Rafael Edgar Milton Irma
Maxine Raul Adrian Andre Ben Chester Mabel Marsha Myrtle Christy Duane Franklin Lena Deanna
Gabriel Patsy Tracey Bobbie Christian Elmer Hilda Jimmie Gwendolyn Brad Jennie Mitchell Nora
Arnold Cassandra Cory Harvey Leah Margie Nina Roland Ron Carole Jared Karl Kay Naomi Penny
Priscilla Brandy Jan Olga Claude Dianne Leona Lonnie Erik Felicia Jenny Jordan Sonia Darryl
Kerry Lindsey Becky Miriam Neil Velma Clinton Cody Fernando Javier Kristina Violet Darren Julio
Lindsay Mathew Rene Ted Toni Tyrone Lance Mae Misty Daisy Jody Kurt Pat Ramona Sandy Shelly
Sherri Allan Claire Erika Katrina Nelson Clayton Guy Hugh Belinda Dwayne Geneva Margarita Max
Sheryl Armando Cora Dwight Faye Felix Ada Everett Isabel Natasha Sabrina Harriet Hattie Ian
Marguerite Sidney Wallace Blanche Bob Brandi Cecilia Iris Joanna Ken Kristi Molly Rosie Alfredo
Angie Eunice Julian Alberto Dave Freddie Inez Ivan Lynda Alberta Amelia Byron Daryl Madeline
Candace Genevieve Isaac Janie Jodi Kayla Kristine Maggie Monique Morris Perry Sonya Alison
Clifton Fannie Marshall Maryann Melody Opal Ross Virgil Whitney Willard Yvette Andy Flora Kirk
Luz Olivia Salvador Sergio Shelley Susie Antoinette Beulah Kent Kristy Lola Lula Mamie Seth
Terrance Verna Eduardo Gayle Terrence Candice Donnie Enrique Jeannette Joey Juana Kelli Pam
Austin Bridget Frankie Hannah Wade Celia Evan Karla Stuart Alejandro Arturo Della Fredrick
Latoya Luther Lynne Nick Patty Shelia Vicky Jeremiah Julius Marianne Sheri Wendell Alexis Angelo
Blanca Erma Jacquelyn Kara Otis Shaun Cameron Doug Gerard Homer Krista Leticia Luke Morgan Myra
Oliver Roxanne Trevor Adrienne Alexandra Angelica Antonia Bennie Bernadette Bethany Brooke
Hubert Ira Kenny Robyn Rosalie Sadie Alfonso Chelsea Ernestine Jasmine Kendra Laverne Lyle Mable
Matt Muriel Nichole Rachael Traci Angelina Blake Carlton Elena Ernesto Krystal Loren Marcella
Neal Ollie Orlando Rex Dianna Estelle Grant Horace Kari Leigh Lora Lorenzo Nadine Noel Omar
Pablo Paulette Roderick Rudy Shelby Taylor Wilbur Abraham Desiree Doreen Kelley Mona Rickey
Rosemarie Willis Andres Betsy Cesar Christie Damon Freda Ginger Hope Janis Johnathan Kelvin
Malcolm Preston Rudolph Alton Archie Cristina Eula Lynette Marco Mercedes Meredith Robbie Teri
Tommie Wm Carroll Cecelia Devin Dominic Ed Eloise Felipe Garry Geoffrey Gerardo Gretchen
Jonathon Meghan Merle Pete Randolph Rochelle Sophia Alyssa Colin Delbert Earnest Guillermo Gwen
Henrietta Jana Lucas Raquel Benny Cleo Edmund Jenna Myron Olive Rodolfo Spencer Tasha Tricia
Cedric Darla Delia Elvira Essie Garrett Gregg Jewel Kate Kellie Lana Lila Lorena Lowell Mandy
May Mindy Patti Salvatore Silvia Sonja Sophie Camille Dixie Elsa Faith Israel Jeannie Jermaine
Johanna Josefina Lela Lorene Lucia Marta Marty Miranda Roosevelt Shari Sherman Sylvester Wilson
Aimee Alisha Ebony Elisa Forrest Kristie Leland Marina Melba Nettie Ora Rena Shawna Tabitha Tami
Wilbert Winifred Addie Aubrey Bonita Bryant Clark Dallas Irving Latasha Marla Myrna Owen Patrice
Ronda Sammy Sherrie Simon Tammie Abigail Adele Adriana Cara Celeste Cheri Deloris Dorthy Drew
Ellis Francine Gustavo Jake Jewell Kristopher Laurence Levi Lou Lucinda Lupe Mack Marcos Rebekah
Rosario Rufus Stacie Woodrow Aurora Brittney Clint Corinne Dominique Effie Elva Estella Etta
Fern Francisca Gale Gilberto Helene Ismael Janelle Josie Karin Kelsey Kerri Laurel Lenora Lionel
Lottie Lourdes Marissa Nicolas Nikki Orville Reba Sallie Tracie Trina Trisha Aida Al Bettie
Caitlin Caleb Cary Cassie Christa Dewey Elisabeth Erick Ervin Eugenia Goldie Hugo Ignacio Ina
Ingrid Iva Jenifer Josh Lesley Maude Santos Sheldon Toby
`;

export const SURNAMES: NamePool = poolOf(SURNAMES_TOP, SURNAMES_TAIL);
export const FIRST_NAMES: NamePool = poolOf(FIRST_TOP, FIRST_TAIL);
