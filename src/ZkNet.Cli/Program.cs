Console.WriteLine("zknet");
