package tabular_test

import (
	"fmt"

	"github.com/gowasm/gowasm/app/tabular"
)

func ExampleAnalyze() {
	const csv = "city,temp,rain\n" +
		"Oslo,4.5,12\n" +
		"Rome,15,\n" +
		"\"Paris, FR\",11.5,7\n" +
		"Cairo,22,0\n"
	t, err := tabular.Analyze(csv)
	if err != nil {
		panic(err)
	}
	fmt.Println("rows:", t.Rows)
	for _, c := range t.Columns {
		if !c.Numeric {
			fmt.Printf("%s: text, %d values\n", c.Name, c.Count)
			continue
		}
		fmt.Printf("%s: %d values, %d missing, min %g, max %g, mean %g, median %g, sd %.3f\n",
			c.Name, c.Count, c.Missing, c.Min, c.Max, c.Mean, c.Median, c.StdDev)
		fmt.Printf("  quantiles %.2f\n", c.Quantiles)
	}
	// Output:
	// rows: 4
	// city: text, 4 values
	// temp: 4 values, 0 missing, min 4.5, max 22, mean 13.25, median 13.25, sd 7.286
	//   quantiles [5.55 9.75 13.25 16.75 20.95]
	// rain: 3 values, 1 missing, min 0, max 12, mean 6.333333333333333, median 7, sd 6.028
	//   quantiles [0.70 3.50 7.00 9.50 11.50]
}

func ExampleAnalyze_ragged() {
	_, err := tabular.Analyze("a,b\n1,2\n3\n")
	fmt.Println(err)
	// Output: tabular: line 3 has 1 fields, but the header has 2
}

func ExampleRegress() {
	const csv = "hours,score\n1,52\n2,55\n3,61\n4,64\n5,68\n"
	fit, err := tabular.Regress(csv, "hours", "score")
	if err != nil {
		panic(err)
	}
	fmt.Printf("score = %.2f·hours + %.2f (r² = %.4f, %d points)\n", fit.Slope, fit.Intercept, fit.R2, fit.N)
	// Output: score = 4.10·hours + 47.70 (r² = 0.9888, 5 points)
}
