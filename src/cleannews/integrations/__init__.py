"""cleannews inside the engines that clean crawls: datatrove (datatrove.py) and Spark (spark.py).
Each imports its engine; nothing else in cleannews imports them."""
